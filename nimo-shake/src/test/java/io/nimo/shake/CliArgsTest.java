package io.nimo.shake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CliArgsTest {

  @Test
  void acceptsTheOriginalAndTheGnuFlagForms() {
    assertThat(CliArgs.parse(new String[] {"-conf=./conf/nimo-shake.conf"}).conf()).isEqualTo(Path.of("./conf/nimo-shake.conf"));
    assertThat(CliArgs.parse(new String[] {"--conf", "a.conf"}).conf()).isEqualTo(Path.of("a.conf"));
    assertThat(CliArgs.parse(new String[] {"--conf=b.conf"}).conf()).isEqualTo(Path.of("b.conf"));
    assertThat(CliArgs.parse(new String[] {"-conf", "c.conf"}).conf()).isEqualTo(Path.of("c.conf"));
    assertThat(CliArgs.parse(new String[] {"--help"}).help()).isTrue();
    assertThat(CliArgs.parse(new String[] {"-version"}).version()).isTrue();
  }

  @Test
  void rejectsMissingOrUnknownArguments() {
    assertThatThrownBy(() -> CliArgs.parse(new String[0])).hasMessageContaining("-conf=");
    assertThatThrownBy(() -> CliArgs.parse(new String[] {"--conf"})).hasMessageContaining("needs a file");
    assertThatThrownBy(() -> CliArgs.parse(new String[] {"-type=x"})).hasMessageContaining("'-type=x'");
  }

  @Test
  void exitsWithTwoAndNamesTheProblemForAMissingConfFile() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new NimoShakeCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))
        .run(new String[] {"-conf=/nonexistent/nimo-shake.conf"});
    assertThat(code).isEqualTo(NimoShakeCli.CONFIG);
    assertThat(err.toString()).contains("not found").contains("/nonexistent/nimo-shake.conf");
  }
}
