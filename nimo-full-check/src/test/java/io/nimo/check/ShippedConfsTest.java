package io.nimo.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.config.CheckOptions;
import io.nimo.core.config.ConfFileRenderer;
import io.nimo.core.config.ConfigLoader;
import io.nimo.core.config.ConfigOption;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped conf/nimo-full-check.conf and conf/nimo-repair.conf list exactly the declared keys. */
class ShippedConfsTest {
  private static final String REGEN = "Regenerate after changing the options: "
      + "mvn -pl nimo-full-check test -Dtest=ShippedConfsTest -Dnimo.conf.regen=true";

  private static void checkShipped(String tool, String what, List<ConfigOption<?>> keys) throws Exception {
    Path shipped = Path.of("..", "conf", tool + ".conf");
    String expected = ConfFileRenderer.render(tool + " configuration: 'key = value' lines, '#' starts a comment line.\n"
        + what + "\nThe connection and filter keys mean the same as in nimo-shake.conf. Unknown keys are an error.\n"
        + "Values may use ${env:NAME} to read a secret from the environment instead of this file.\n" + REGEN, keys);
    if (Boolean.getBoolean("nimo.conf.regen")) {
      Files.writeString(shipped, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(shipped, StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(ConfigLoader.readRaw(shipped).keySet()).containsExactlyElementsOf(keys.stream().map(ConfigOption::key).toList());
  }

  @Test
  void shippedCheckConfListsEveryKeyWithItsDefault() throws Exception {
    checkShipped("nimo-full-check", "nimo-full-check compares the source tables with the target and writes a diff "
        + "report per table that differs.", CheckOptions.CHECK);
  }

  @Test
  void shippedRepairConfListsEveryKeyWithItsDefault() throws Exception {
    checkShipped("nimo-repair", "nimo-repair fixes on the target what nimo-full-check's diff report lists.",
        CheckOptions.REPAIR);
  }

  @Test
  void helpDocumentsEveryKeyAndBadKeysExitWithTwo(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    FullCheckCli cli = new FullCheckCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(cli.run(new String[] {"--help"})).isZero();
    CheckOptions.CHECK.forEach(o -> assertThat(out.toString(StandardCharsets.UTF_8)).contains(o.key()));

    Path conf = dir.resolve("bad.conf");
    Files.writeString(conf, "target.address = http://127.0.0.1:1\nsync_mode = all\n");
    assertThat(cli.run(new String[] {"-conf=" + conf})).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("sync_mode").contains("unknown key");
  }
}
