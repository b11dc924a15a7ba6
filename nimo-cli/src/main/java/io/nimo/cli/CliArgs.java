package io.nimo.cli;

import java.nio.file.Path;

/**
 * Parsed command line of the nimo tools. Accepts the original form {@code -conf=FILE} and {@code
 * --conf FILE}, {@code --conf=FILE}, {@code -conf FILE}, plus {@code --help}, {@code --version} and
 * {@code --plan} (for the tools that plan).
 *
 * @param conf the conf file, or {@code null} with help/version
 * @param help whether help was asked for
 * @param version whether the version was asked for
 * @param plan whether a plan was asked for instead of the work
 */
public record CliArgs(Path conf, boolean help, boolean version, boolean plan) {

  /**
   * Parses a tool's arguments; an unknown one is an {@link IllegalArgumentException}.
   *
   * @param args the arguments
   * @param tool the tool's name, for the hint on a missing conf ({@code ./conf/<tool>.conf})
   * @return the parsed line
   */
  public static CliArgs parse(String[] args, String tool) {
    Path conf = null;
    boolean help = false;
    boolean version = false;
    boolean plan = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String flag = a.replaceFirst("^--?", "");
      if (flag.equals("h") || flag.equals("help")) {
        help = true;
      } else if (flag.equals("v") || flag.equals("version")) {
        version = true;
      } else if (flag.equals("plan")) {
        plan = true;
      } else if (flag.startsWith("conf=")) {
        conf = Path.of(flag.substring("conf=".length()));
      } else if (flag.equals("conf")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a + " needs a file name");
        }
        conf = Path.of(args[++i]);
      } else {
        throw new IllegalArgumentException("unknown argument '" + a + "'");
      }
    }
    if (conf == null && !help && !version) {
      throw new IllegalArgumentException(
          "no config file given; use -conf=./conf/" + tool + ".conf");
    }
    return new CliArgs(conf, help, version, plan);
  }
}
