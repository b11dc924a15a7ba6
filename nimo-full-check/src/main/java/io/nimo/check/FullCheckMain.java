package io.nimo.check;

/** Entry point of {@code bin/nimo-full-check.linux.amd64}. */
public final class FullCheckMain {
  private FullCheckMain() {}

  /**
   * Runs the check and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new FullCheckCli(System.out, System.err).run(args));
  }
}
