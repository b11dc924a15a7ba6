package io.nimo.repair;

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

/** The shipped conf/nimo-repair.conf lists exactly the declared keys; --help and bad keys. */
class ShippedConfTest {
  private static final String HEADER =
      """
      nimo-repair configuration: 'key = value' lines, '#' starts a comment line.
      nimo-repair fixes on the target what nimo-full-check's diff report lists.
      The connection and filter keys mean the same as in nimo-shake.conf. Unknown keys are an error.
      Values may use ${env:NAME} to read a secret from the environment instead of this file.
      Regenerate after changing the options: mvn -pl nimo-repair test -Dtest=ShippedConfTest -Dnimo.conf.regen=true""";

  @Test
  void shippedRepairConfListsEveryKeyWithItsDefault() throws Exception {
    ShippedConf.assertMatches(
        Path.of("..", "conf", "nimo-repair.conf"), HEADER, CheckOptions.REPAIR);
  }

  @Test
  void helpDocumentsEveryKeyAndBadKeysExitWithTwo(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    RepairCli cli =
        new RepairCli(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(cli.run(new String[] {"--help"})).isZero();
    CheckOptions.REPAIR.forEach(
        o -> assertThat(out.toString(StandardCharsets.UTF_8)).contains(o.key()));

    Path conf = dir.resolve("bad.conf");
    Files.writeString(conf, "target.address = http://127.0.0.1:1\nsampel = 10\n");
    assertThat(cli.run(new String[] {"-conf=" + conf})).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("sampel").contains("unknown key");
  }

  @Test
  void aCopyOfTheShippedNimoShakeConfPlusDiffOutputFileIsAccepted(@TempDir Path dir)
      throws Exception {
    ShippedConf.assertAcceptsACopyOfNimoShakeConf(dir, CheckOptions.REPAIR);
  }
}
