package io.nimo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the packaged nimo-shake from an unpacked tarball with a conf derived from the shipped one.
 */
final class NimoProcess {
  private NimoProcess() {}

  static Process start(Path home, String name, Map<String, String> values, String javaOpts)
      throws IOException {
    String text = Files.readString(home.resolve("conf/nimo-shake.conf"), StandardCharsets.UTF_8);
    for (Map.Entry<String, String> e : values.entrySet()) {
      Matcher m = Pattern.compile("(?m)^" + Pattern.quote(e.getKey()) + " = .*$").matcher(text);
      if (!m.find()) {
        throw new IllegalArgumentException("no key " + e.getKey() + " in the shipped conf");
      }
      text = m.replaceFirst(Matcher.quoteReplacement(e.getKey() + " = " + e.getValue()));
    }
    Path conf = home.resolve("conf/" + name + ".conf");
    Files.writeString(conf, text, StandardCharsets.UTF_8);
    ProcessBuilder pb =
        new ProcessBuilder(home.resolve("bin/nimo-shake.linux.amd64").toString(), "-conf=" + conf)
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("logs/" + name + ".out").toFile());
    if (javaOpts != null) {
      pb.environment().put("NIMO_JAVA_OPTS", javaOpts);
    }
    return pb.start();
  }

  static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }
}
