package io.nimo.shake;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.config.ShakeOptions;
import io.nimo.core.testkit.ShippedConf;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped conf/nimo-shake.conf lists exactly the declared keys with their defaults. */
class ShippedConfTest {
  static final Path SHIPPED = Path.of("..", "conf", "nimo-shake.conf");
  static final String HEADER =
      """
      nimo-shake configuration: 'key = value' lines, '#' starts a comment line.
      Every key is listed with its default. Unknown keys are an error.
      Values may use ${env:NAME} to read a secret from the environment instead of this file.
      Relative paths (checkpoint.address, log.file under logs/) are resolved from the
      NimoShake/nimo-shake directory: the launcher runs there.
      Regenerate after changing ShakeOptions: mvn -pl nimo-shake test -Dtest=ShippedConfTest -Dnimo.conf.regen=true""";

  @Test
  void shippedConfListsEveryKeyWithItsDefault() throws Exception {
    ShippedConf.assertMatches(SHIPPED, HEADER, ShakeOptions.ALL);
  }

  @Test
  void helpDocumentsEveryKey() {
    String help = NimoShakeCli.help();
    ShakeOptions.ALL.forEach(o -> assertThat(help).contains(o.key()));
  }
}
