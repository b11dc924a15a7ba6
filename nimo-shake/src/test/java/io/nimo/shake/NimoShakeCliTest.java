package io.nimo.shake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
