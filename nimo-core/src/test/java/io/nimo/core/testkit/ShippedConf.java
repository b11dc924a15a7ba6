package io.nimo.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.config.ConfFileRenderer;
import io.nimo.core.config.ConfigLoader;
import io.nimo.core.config.ConfigOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks that a shipped conf file is exactly what the option declarations render: every key, in
 * order, with its default and doc. With {@code -Dnimo.conf.regen=true} it rewrites the file first.
 */
public final class ShippedConf {
  private ShippedConf() {}

  /**
   * Asserts that {@code shipped} lists exactly {@code keys} under {@code header}.
   *
   * @param shipped the conf file in the repository
   * @param header the comment block at the top of the file
   * @param keys the declared options, in order
   * @throws Exception if the file cannot be read or written
   */
  public static void assertMatches(Path shipped, String header, List<ConfigOption<?>> keys)
      throws Exception {
    String expected = ConfFileRenderer.render(header, keys);
    if (Boolean.getBoolean("nimo.conf.regen")) {
      Files.writeString(shipped, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(shipped, StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(ConfigLoader.readRaw(shipped).keySet())
        .containsExactlyElementsOf(keys.stream().map(ConfigOption::key).toList());
  }

  /**
   * Asserts that a copy of the shipped {@code conf/nimo-shake.conf} (with a target address) plus
   * {@code diff_output_file} loads as a conf of a tool declaring {@code keys}, with nimo-shake's
   * other keys listed as unused.
   *
   * @param dir a scratch directory
   * @param keys the tool's declared keys
   * @throws Exception if a file cannot be read or written
   */
  public static void assertAcceptsACopyOfNimoShakeConf(Path dir, List<ConfigOption<?>> keys)
      throws Exception {
    Path conf = dir.resolve("copy.conf");
    Files.writeString(
        conf,
        Files.readString(Path.of("..", "conf", "nimo-shake.conf"))
                .replaceFirst("(?m)^target\\.address =.*$", "target.address = http://127.0.0.1:1")
            + "\ndiff_output_file = my-diff\n");
    io.nimo.core.config.Configuration c =
        ConfigLoader.load(conf, keys, io.nimo.core.config.ShakeOptions.ALL);
    assertThat(c.get(io.nimo.core.config.CheckOptions.DIFF_OUTPUT)).isEqualTo("my-diff");
    assertThat(c.unusedKeys())
        .contains("sync_mode", "checkpoint.type")
        .doesNotContain("diff_output_file");
  }
}
