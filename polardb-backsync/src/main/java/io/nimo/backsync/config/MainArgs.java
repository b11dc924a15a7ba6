package io.nimo.backsync.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The job's main arguments as the guide passes them: {@code --polardbusername --polardbpassword
 * --dynamodbak --dynamodbsk [--configfilename]}, plus {@code --local} and {@code --describe}.
 * Unknown flags are errors.
 */
public final class MainArgs {
  private static final Set<String> VALUED =
      Set.of("polardbusername", "polardbpassword", "dynamodbak", "dynamodbsk", "configfilename");

  private final Map<String, String> values;
  private final boolean local;
  private final boolean describe;

  private MainArgs(Map<String, String> values, boolean local, boolean describe) {
    this.values = values;
    this.local = local;
    this.describe = describe;
  }

  /**
   * Parses {@code --name value} and {@code --name=value} forms.
   *
   * @param args the arguments
   * @return the parsed arguments
   */
  public static MainArgs parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    boolean local = false;
    boolean describe = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("-")) {
        throw new BackSyncConfigException("unexpected argument '" + a + "'; " + usage());
      }
      String name = a.replaceFirst("^--?", "");
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (name.equals("local")) {
        local = true;
        continue;
      }
      if (name.equals("describe")) {
        describe = true;
        continue;
      }
      if (!VALUED.contains(name)) {
        throw new BackSyncConfigException("unknown argument --" + name + "; " + usage());
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new BackSyncConfigException("--" + name + " needs a value");
        }
        value = args[++i];
      }
      values.put(name, value);
    }
    return new MainArgs(values, local, describe);
  }

  static String usage() {
    return "usage: --polardbusername U --polardbpassword P [--dynamodbak AK --dynamodbsk SK]"
        + " [--configfilename application.yaml] [--local] [--describe]";
  }

  /**
   * An argument's value, empty text when absent.
   *
   * @param name without dashes
   * @return the value
   */
  public String get(String name) {
    return values.getOrDefault(name, "");
  }

  /**
   * Whether {@code --local} (embedded MiniCluster) was given.
   *
   * @return true for a local run
   */
  public boolean local() {
    return local;
  }

  /**
   * Whether {@code --describe} (print each table's discovered layout, then exit) was given.
   *
   * @return true for a dry run
   */
  public boolean describe() {
    return describe;
  }
}
