package io.nimo.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FullCheckCliTest {

  @Test
  void anUnreachableSourceAndTargetAreOneLineEachAndExitFiveBeforeAnyDiffIsWritten(
      @TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("nimo-full-check.conf");
    Files.writeString(
        conf,
        "source.endpoint_url = http://127.0.0.1:"
            + port
            + "\nsource.access_key_id = AKIDEXAMPLE\nsource.secret_access_key = check-secret\n"
            + "target.type = postgresql\ntarget.address = jdbc:postgresql://127.0.0.1:"
            + port
            + "/app?password=pg-secret\ntarget.access_key_id =\ntarget.secret_access_key =\n"
            + "preflight.timeout = 2s\ndiff_output_file = "
            + dir.resolve("diff")
            + "\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int code =
        new FullCheckCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))
            .run(new String[] {"-conf=" + conf});
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    assertThat(code).isEqualTo(5);
    assertThat(err.toString())
        .contains(
            "nimo-full-check: source.endpoint_url = http://127.0.0.1:"
                + port
                + ": cannot be reached")
        .contains(
            "nimo-full-check: target.address = jdbc:postgresql://127.0.0.1:"
                + port
                + "/app?password=******: cannot be reached")
        .doesNotContain("check-secret")
        .doesNotContain("pg-secret")
        .doesNotContain("\tat ");
    assertThat(dir.resolve("diff")).doesNotExist();
  }
}
