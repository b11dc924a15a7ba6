package io.nimo.shake;

/**
 * Entry point of {@code bin/nimo-shake.linux.amd64}; the only place that calls {@code System.exit}.
 */
public final class NimoShakeMain {
  private NimoShakeMain() {}

  public static void main(String[] args) {
    System.exit(new NimoShakeCli(System.out, System.err).run(args));
  }
}
