package io.nimo.core.probe;

import io.nimo.core.config.Secrets;
import java.util.function.Function;

/**
 * A start-up probe failed: one line naming the key whose endpoint it is, the address (credentials
 * masked) and the problem, e.g. {@code target.address = mongodb://u:******@db:27017: cannot be
 * reached (Timed out after 10000 ms ...)}.
 */
public final class ProbeFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The config key whose endpoint failed. */
  private final String key;

  /** Why it failed. */
  private final Problem problem;

  /**
   * A failure.
   *
   * @param key the config key of the endpoint
   * @param address the address (masked here)
   * @param problem why
   * @param cause what the driver said, or {@code null}
   * @param detail the driver's words, shortened to one line
   */
  public ProbeFailure(String key, String address, Problem problem, String detail, Throwable cause) {
    super(
        key + " = " + mask(address) + ": " + problem.text() + " (" + oneLine(detail) + ")", cause);
    this.key = key;
    this.problem = problem;
  }

  /**
   * The key whose endpoint failed.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Why.
   *
   * @return the problem
   */
  public Problem problem() {
    return problem;
  }

  /** A probe call that may throw anything. */
  @FunctionalInterface
  public interface Call {
    /**
     * Runs the probe.
     *
     * @throws Exception whatever the driver throws
     */
    void run() throws Exception;
  }

  /**
   * Runs a probe, turning what it throws into a failure named by key and address.
   *
   * @param key the config key of the endpoint
   * @param classify the adapter's reading of its driver's exceptions
   * @param call the probe
   * @throws ProbeFailure if the probe threw
   */
  public static void attempt(
      String key, String address, Function<Throwable, Problem> classify, Call call) {
    try {
      call.run();
    } catch (ProbeFailure f) {
      throw f;
    } catch (Exception e) {
      throw new ProbeFailure(key, address, classify.apply(e), innermost(e), e);
    }
  }

  private static String innermost(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && t.getMessage() == null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  private static String oneLine(String detail) {
    String d = detail == null ? "" : Secrets.maskUrlCredentials(detail).replaceAll("\\s+", " ");
    return d.length() > 300 ? d.substring(0, 300) + "..." : d;
  }

  /** Masks URL credentials and a JDBC URL's {@code password=} parameter. */
  static String mask(String address) {
    return Secrets.maskUrlCredentials(address).replaceAll("(?i)(password=)[^&;\\s]*", "$1******");
  }
}
