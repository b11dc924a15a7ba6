package io.nimo.flink;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@link NimoShakeFlink}.
 *
 * @param conf the conf file: a local path, or a URI the JobManager reads with Flink's file systems
 *     ({@code file:}, {@code s3:}, {@code hdfs:}, ...)
 * @param sets {@code --set key=value} pairs, over the conf file's (or in place of one)
 * @param parallelism the job's parallelism, or 0 for the environment's default
 * @param cluster a Flink REST address ({@code HOST:PORT}) to submit to
 * @param fromSavepoint a savepoint to resume from on a cluster
 * @param embedded whether to run in an embedded MiniCluster
 * @param state the embedded runner's state folder
 */
record Args(
    Optional<String> conf,
    Map<String, String> sets,
    int parallelism,
    Optional<String> cluster,
    Optional<String> fromSavepoint,
    boolean embedded,
    Path state) {

  static Args parse(String[] args) {
    String conf = null;
    Map<String, String> sets = new LinkedHashMap<>();
    int parallelism = 0;
    String cluster = null;
    String savepoint = null;
    boolean embedded = false;
    Path state = Paths.get("state");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      switch (name.replaceFirst("^--?", "")) {
        case "conf" -> conf = value != null ? value : next(args, ++i, name);
        case "set" -> {
          String pair = value != null ? value : next(args, ++i, name);
          int eq = pair.indexOf('=');
          if (eq <= 0) {
            throw new IllegalArgumentException("--set needs key=value, not '" + pair + "'");
          }
          if (sets.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim()) != null) {
            throw new IllegalArgumentException(
                "--set " + pair.substring(0, eq).trim() + " given twice");
          }
        }
        case "parallelism" -> {
          String p = value != null ? value : next(args, ++i, name);
          try {
            parallelism = Integer.parseInt(p);
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--parallelism needs a number, not '" + p + "'");
          }
          if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1");
          }
        }
        case "cluster" -> cluster = value != null ? value : next(args, ++i, name);
        case "from-savepoint" -> savepoint = value != null ? value : next(args, ++i, name);
        case "embedded" -> embedded = true;
        case "state" -> state = Paths.get(value != null ? value : next(args, ++i, name));
        default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
      }
    }
    if (conf == null && sets.isEmpty()) {
      throw new IllegalArgumentException(
          "-conf=<nimo-shake.conf> (a path or a URI) or --set key=value pairs are required");
    }
    if (cluster != null && !cluster.matches("[^:]+:\\d+")) {
      throw new IllegalArgumentException(
          "--cluster needs HOST:PORT (Flink's REST address), not '" + cluster + "'");
    }
    if (cluster != null && embedded) {
      throw new IllegalArgumentException("--cluster and --embedded exclude each other");
    }
    return new Args(
        Optional.ofNullable(conf),
        Map.copyOf(sets),
        parallelism,
        Optional.ofNullable(cluster),
        Optional.ofNullable(savepoint),
        embedded,
        state);
  }

  private static String next(String[] args, int i, String name) {
    if (i >= args.length) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args[i];
  }
}
