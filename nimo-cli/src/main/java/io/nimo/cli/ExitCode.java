package io.nimo.cli;

/** The exit codes of nimo-shake, nimo-full-check and nimo-repair; the README lists the same. */
public enum ExitCode {
  /** Done (a check: source and target agree; an incremental sync stopped by a signal). */
  OK(0),
  /** A table failed (a check: differences remain). */
  FAILED(1),
  /** Bad command line or conf file; nothing was touched. */
  CONFIG(2),
  /** Stopped by a signal before completion; a re-run resumes. */
  STOPPED(3),
  /** Another run with the same id holds the pid lock. */
  LOCKED(4),
  /** An endpoint could not be reached (or refused) at start-up; nothing was read or written. */
  UNREACHABLE(5);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /**
   * The process exit status.
   *
   * @return the number
   */
  public int code() {
    return code;
  }
}
