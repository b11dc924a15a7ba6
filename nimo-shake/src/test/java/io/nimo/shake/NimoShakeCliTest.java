package io.nimo.shake;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.TestTables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class NimoShakeCliTest {

  @Test
  void exitsWithTwoAndNamesTheProblemForAMissingConfFile() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new NimoShakeCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))
            .run(new String[] {"-conf=/nonexistent/nimo-shake.conf"});
    assertThat(code).isEqualTo(NimoShakeCli.CONFIG);
    assertThat(err.toString()).contains("not found").contains("/nonexistent/nimo-shake.conf");
  }

  /**
   * A finished job's checkpoint must not hide a broken address: the conf is refused before the
   * checkpoint is read, with the key named.
   */
  @Test
  void refusesATargetAddressThatIsNotAUrlBeforeReadingTheCheckpoint(@TempDir Path dir)
      throws Exception {
    Path conf = dir.resolve("nimo-shake.conf");
    Files.writeString(
        conf,
        "target.type = dynamodb\ntarget.address = not a url at all\ncheckpoint.address = "
            + dir.resolve("checkpoint")
            + "\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new NimoShakeCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))
            .run(new String[] {"-conf=" + conf});
    assertThat(code).isEqualTo(NimoShakeCli.CONFIG);
    assertThat(err.toString())
        .contains("target.address")
        .contains("not a valid endpoint URL")
        .doesNotContain("Exception");
    assertThat(dir.resolve("checkpoint")).doesNotExist();
  }

  @Test
  void anUnreachableTargetIsOneLineNamingTheKeyAndExitsFiveBeforeAnyWork(@TempDir Path dir)
      throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("nimo-shake.conf");
    Files.writeString(
        conf,
        "target.type = mongodb\ntarget.address = mongodb://nimo:hidden-pw@127.0.0.1:"
            + port
            + "/?directConnection=true\ntarget.access_key_id =\ntarget.secret_access_key =\n"
            + "source.access_key_id = AKIDEXAMPLE\nsource.secret_access_key = hidden-sk\n"
            + "source.endpoint_url = http://127.0.0.1:"
            + port
            + "\npreflight.timeout = 2s\ncheckpoint.address = "
            + dir.resolve("checkpoint")
            + "\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int code =
        new NimoShakeCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), false)
            .run(new String[] {"-conf=" + conf});
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(60));
    assertThat(code).isEqualTo(NimoShakeCli.UNREACHABLE);
    assertThat(err.toString())
        .contains("source.endpoint_url = http://127.0.0.1:" + port + ": cannot be reached")
        .contains("target.address = mongodb://nimo:******@127.0.0.1:" + port)
        .doesNotContain("hidden-pw")
        .doesNotContain("hidden-sk")
        .doesNotContain("\tat ");
    assertThat(dir.resolve("checkpoint").resolve("nimo-shake-checkpoint")).doesNotExist();
  }

  @Test
  void planPrintsWhatCopyingAKnownTableTakesAndWritesNothing(@TempDir Path dir) throws Exception {
    try (DynamoLocal source = DynamoLocal.start();
        DynamoLocal target = DynamoLocal.start()) {
      TestTables.createHashOnly(source.client(), "orders", "id", ScalarAttributeType.S);
      TestTables.seed(source.client(), "orders", "id", 120, 1);
      Path conf = dir.resolve("nimo-shake.conf");
      Files.writeString(
          conf,
          "source.endpoint_url = "
              + source.endpoint()
              + "\nsource.access_key_id = k\nsource.secret_access_key = s\n"
              + "target.address = "
              + target.endpoint()
              + "\ntarget.access_key_id = k\ntarget.secret_access_key = s\n"
              + "qps.full = 4\nqps.full.batch_num = 30\nfull.read.concurrency = 2\n"
              + "checkpoint.address = "
              + dir.resolve("checkpoint")
              + "\n");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code =
          new NimoShakeCli(
                  new PrintStream(out), new PrintStream(new ByteArrayOutputStream()), false)
              .run(new String[] {"--plan", "-conf=" + conf});
      assertThat(code).isZero();
      assertThat(out.toString())
          .contains("table orders: 120 item(s)")
          .contains("Scan: 2 segment(s), 4 call(s)")
          .contains("about 1 s at qps.full = 4")
          .contains("full.source: scan")
          .contains("nothing was written");
      assertThat(target.client().listTables().tableNames()).isEmpty();
      assertThat(dir.resolve("checkpoint")).doesNotExist();
    }
  }
}
