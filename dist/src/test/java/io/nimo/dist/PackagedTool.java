package io.nimo.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unpacked NimoShake.tar.gz (with NimoShake-flink.tar.gz over it, unless only the core is asked
 * for), and helpers to configure and run its launchers as processes.
 */
final class PackagedTool {
  final Path root;

  private PackagedTool(Path root) {
    this.root = root;
  }

  /**
   * Unpacks NimoShake.tar.gz and, over it, the optional NimoShake-flink.tar.gz, as a user would.
   */
  static PackagedTool unpack(Path into) throws Exception {
    PackagedTool tool = unpackCore(into);
    untar(Path.of(System.getProperty("nimo.flink.tarball", "target/NimoShake-flink.tar.gz")), into);
    return tool;
  }

  /** Unpacks NimoShake.tar.gz alone: nimo-shake, nimo-full-check, nimo-repair and the runtime. */
  static PackagedTool unpackCore(Path into) throws Exception {
    untar(Path.of(System.getProperty("nimo.tarball", "target/NimoShake.tar.gz")), into);
    return new PackagedTool(into.resolve("NimoShake"));
  }

  private static void untar(Path tarball, Path into) throws Exception {
    if (!Files.exists(tarball)) {
      throw new IllegalStateException("no " + tarball + "; run mvn package first");
    }
    Process p =
        new ProcessBuilder("tar", "xzf", tarball.toAbsolutePath().toString())
            .directory(into.toFile())
            .inheritIO()
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("tar failed: " + tarball);
    }
  }

  Path shakeHome() {
    return root.resolve("nimo-shake");
  }

  Path checkHome() {
    return root.resolve("nimo-full-check");
  }

  /** The shipped conf/nimo-shake.conf with some keys set to other values. */
  String shippedConfWith(Map<String, String> values) throws IOException {
    return shippedConfWith(shakeHome(), "nimo-shake", values);
  }

  /**
   * A tool's shipped {@code conf/<tool>.conf} under {@code home} with some keys set to other
   * values.
   */
  String shippedConfWith(Path home, String tool, Map<String, String> values) throws IOException {
    return confWith(home.resolve("conf/" + tool + ".conf"), values);
  }

  /**
   * The {@code source.*} and {@code target.*} keys for two local DynamoDB servers, with {@code
   * secret} as both secret keys (a test can then look for it in logs).
   */
  static Map<String, String> localEndpoints(
      io.nimo.core.testkit.DynamoLocal source,
      io.nimo.core.testkit.DynamoLocal target,
      String secret) {
    Map<String, String> v = new java.util.LinkedHashMap<>();
    v.put("source.endpoint_url", source.endpoint());
    v.put("source.access_key_id", "local");
    v.put("source.secret_access_key", secret);
    v.put("target.address", target.endpoint());
    v.put("target.access_key_id", "local");
    v.put("target.secret_access_key", secret);
    return v;
  }

  /** The conf file {@code conf} with some of its keys set to other values. */
  static String confWith(Path conf, Map<String, String> values) throws IOException {
    String text = Files.readString(conf, StandardCharsets.UTF_8);
    for (Map.Entry<String, String> e : values.entrySet()) {
      Pattern line = Pattern.compile("^" + Pattern.quote(e.getKey()) + " = .*$", Pattern.MULTILINE);
      Matcher m = line.matcher(text);
      if (!m.find()) {
        throw new IllegalArgumentException("shipped conf has no key " + e.getKey());
      }
      text = m.replaceFirst(Matcher.quoteReplacement(e.getKey() + " = " + e.getValue()));
    }
    return text;
  }

  Process start(Path workDir, Path output, String... args) throws IOException {
    return start(shakeHome().resolve("bin/nimo-shake.linux.amd64"), workDir, output, args);
  }

  /** Starts a launcher ({@code home/bin/<tool>.linux.amd64}) as a process. */
  Process start(Path launcher, Path workDir, Path output, String... args) throws IOException {
    return startWithJavaOpts(launcher, workDir, output, "-Xmx512m", args);
  }

  /** As above, with {@code javaOpts} as the launcher's NIMO_JAVA_OPTS. */
  Process startWithJavaOpts(
      Path launcher, Path workDir, Path output, String javaOpts, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(launcher.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    pb.environment().put("NIMO_JAVA_OPTS", javaOpts);
    return pb.start();
  }

  /** Runs to the end and returns exit code and output. */
  Result run(Path workDir, String... args) throws Exception {
    return run(shakeHome().resolve("bin/nimo-shake.linux.amd64"), workDir, args);
  }

  /** Runs a launcher to the end and returns exit code and output. */
  Result run(Path launcher, Path workDir, String... args) throws Exception {
    return runWithJavaOpts(launcher, workDir, "-Xmx512m", args);
  }

  /** Runs a launcher to the end with NIMO_JAVA_OPTS set to {@code javaOpts}. */
  Result runWithJavaOpts(Path launcher, Path workDir, String javaOpts, String... args)
      throws Exception {
    Path out = Files.createTempFile(workDir, "out", ".log");
    Process p = startWithJavaOpts(launcher, workDir, out, javaOpts, args);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("tool did not finish in 5 minutes");
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  record Result(int exitCode, String output) {}

  /**
   * A PATH directory with only the commands the launchers and the guide's command lines use, and no
   * {@code java}: a host without Java.
   */
  static Path pathWithoutJava(Path dir) throws Exception {
    for (String cmd :
        List.of("bash", "dirname", "readlink", "awk", "date", "mkdir", "env", "nohup")) {
      Process which = new ProcessBuilder("bash", "-c", "command -v " + cmd).start();
      String found =
          new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (which.waitFor() != 0 || found.isEmpty()) {
        throw new IllegalStateException("no " + cmd + " on this machine");
      }
      Files.createSymbolicLink(dir.resolve(cmd), Path.of(found));
    }
    return dir;
  }

  /**
   * Waits (up to 3 min) for {@code text} in a tool's log while its process runs; fails with the
   * log.
   */
  static void awaitLog(Path log, String text, ProcessHandle process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "no '"
            + text
            + "' in "
            + log
            + ":\n"
            + (Files.exists(log) ? Files.readString(log) : "(none)"));
  }

  static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
