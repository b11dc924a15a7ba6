package io.nimo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsTheGuidesUnitsABareNumberAsSecondsAndIso8601() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse(" 30s ")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("30")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("2H")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("10 s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void refusesTextWithoutANumberOrWithAnUnknownUnit() {
    assertThatThrownBy(() -> Durations.parse("ms")).hasMessageContaining("expected a number");
    assertThatThrownBy(() -> Durations.parse("-5s")).hasMessageContaining("expected a number");
    assertThatThrownBy(() -> Durations.parse("3d")).hasMessageContaining("unknown unit 'd'");
    assertThatThrownBy(() -> Durations.parse("1.5s")).hasMessageContaining("unknown unit");
  }

  @Test
  void writesTheLargestWholeUnitSoShippedConfsReadNaturally() {
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMinutes(10))).isEqualTo("10m");
    assertThat(Durations.format(Duration.ofHours(24))).isEqualTo("24h");
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(42)).isEqualTo("42");
  }

  @Test
  void whatIsWrittenReadsBackAsTheSameDuration() {
    for (Duration d :
        List.of(
            Duration.ZERO,
            Duration.ofMillis(1),
            Duration.ofMillis(999),
            Duration.ofSeconds(59),
            Duration.ofSeconds(61),
            Duration.ofMinutes(59),
            Duration.ofMinutes(61),
            Duration.ofDays(3))) {
      assertThat(Durations.parse(Durations.format(d))).as(d.toString()).isEqualTo(d);
    }
  }
}
