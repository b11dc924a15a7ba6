package io.nimo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CliArgsTest {

  @Test
  void acceptsTheOriginalAndTheGnuFlagForms() {
    assertThat(CliArgs.parse(new String[] {"-conf=./conf/nimo-shake.conf"}, "nimo-shake").conf())
        .isEqualTo(Path.of("./conf/nimo-shake.conf"));
    assertThat(CliArgs.parse(new String[] {"--conf", "a.conf"}, "nimo-shake").conf())
        .isEqualTo(Path.of("a.conf"));
    assertThat(CliArgs.parse(new String[] {"--conf=b.conf"}, "nimo-shake").conf())
        .isEqualTo(Path.of("b.conf"));
    assertThat(CliArgs.parse(new String[] {"-conf", "c.conf"}, "nimo-shake").conf())
        .isEqualTo(Path.of("c.conf"));
    assertThat(CliArgs.parse(new String[] {"--help"}, "nimo-shake").help()).isTrue();
    assertThat(CliArgs.parse(new String[] {"-version"}, "nimo-shake").version()).isTrue();
    assertThat(CliArgs.parse(new String[] {"--plan", "-conf=a.conf"}, "nimo-shake").plan())
        .isTrue();
  }

  @Test
  void rejectsMissingOrUnknownArguments() {
    assertThatThrownBy(() -> CliArgs.parse(new String[0], "nimo-shake"))
        .hasMessageContaining("-conf=");
    assertThatThrownBy(() -> CliArgs.parse(new String[] {"--conf"}, "nimo-shake"))
        .hasMessageContaining("needs a file");
    assertThatThrownBy(() -> CliArgs.parse(new String[] {"-type=x"}, "nimo-shake"))
        .hasMessageContaining("'-type=x'");
  }
}
