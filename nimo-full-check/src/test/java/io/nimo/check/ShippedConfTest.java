package io.nimo.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.config.CheckOptions;
import io.nimo.core.testkit.ShippedConf;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped conf/nimo-full-check.conf lists exactly the declared keys; --help and bad keys. */
class ShippedConfTest {
  private static final String REGEN =
      "Regenerate after changing the options: "
          + "mvn -pl nimo-full-check test -Dtest=ShippedConfTest -Dnimo.conf.regen=true";

  private static String header(String tool, String what, String regen) {
    return tool
        + " configuration: 'key = value' lines, '#' starts a comment line.\n"
        + what
        + "\nThe connection and filter keys mean the same as in nimo-shake.conf. Unknown keys are an error.\n"
        + "Values may use ${env:NAME} to read a secret from the environment instead of this file.\n"
        + regen;
  }

  @Test
  void shippedCheckConfListsEveryKeyWithItsDefault() throws Exception {
    ShippedConf.assertMatches(
        Path.of("..", "conf", "nimo-full-check.conf"),
        header(
            "nimo-full-check",
            "nimo-full-check compares the source tables with the target and writes a diff report per table that differs.",
            REGEN),
        CheckOptions.CHECK);
  }

  @Test
  void helpDocumentsEveryKeyAndBadKeysExitWithTwo(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    FullCheckCli cli =
        new FullCheckCli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(cli.run(new String[] {"--help"})).isZero();
    CheckOptions.CHECK.forEach(
        o -> assertThat(out.toString(StandardCharsets.UTF_8)).contains(o.key()));

    Path conf = dir.resolve("bad.conf");
    Files.writeString(conf, "target.address = http://127.0.0.1:1\nsync_mdoe = all\n");
    assertThat(cli.run(new String[] {"-conf=" + conf})).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("sync_mdoe").contains("unknown key");
  }

  @Test
  void aCopyOfTheShippedNimoShakeConfPlusDiffOutputFileIsAccepted(@TempDir Path dir)
      throws Exception {
    ShippedConf.assertAcceptsACopyOfNimoShakeConf(dir, CheckOptions.CHECK);
  }
}
