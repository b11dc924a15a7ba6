package io.nimo.core.probe;

/** Why a start-up probe of an endpoint failed. */
public enum Problem {
  /** Nothing answered in time: wrong host or port, a firewall, the server down. */
  UNREACHABLE("cannot be reached"),
  /** The endpoint answered and refused the credentials (or none were found). */
  CREDENTIALS_REFUSED("refused the credentials"),
  /** No credentials were found to sign the call with (no keys, profile, role or environment). */
  NO_CREDENTIALS("found no credentials to sign with"),
  /** The credentials were accepted but lack a permission the tool needs. */
  PERMISSION_DENIED("lacks a permission"),
  /** The endpoint answered with another error. */
  ERROR("answered with an error");

  private final String text;

  Problem(String text) {
    this.text = text;
  }

  /**
   * The problem in words, for the one line an operator reads.
   *
   * @return e.g. "cannot be reached"
   */
  public String text() {
    return text;
  }
}
