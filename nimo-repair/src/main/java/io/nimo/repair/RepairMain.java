package io.nimo.repair;

/** Entry point of {@code bin/nimo-repair.linux.amd64}. */
public final class RepairMain {
  private RepairMain() {}

  /**
   * Runs the repair and exits with its code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new RepairCli(System.out, System.err).run(args));
  }
}
