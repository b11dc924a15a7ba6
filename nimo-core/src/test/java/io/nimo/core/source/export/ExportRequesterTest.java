package io.nimo.core.source.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportRequesterTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void aLongGapIsBridgedInWindowsOfAtMostADayThatMeetEndToEnd() {
    Instant until = T.plus(Duration.ofHours(50));
    List<Instant[]> w = ExportRequester.windows(T, until);
    assertThat(w).hasSize(3);
    assertThat(w.get(0)).containsExactly(T, T.plus(Duration.ofHours(24)));
    assertThat(w.get(1))
        .containsExactly(T.plus(Duration.ofHours(24)), T.plus(Duration.ofHours(48)));
    assertThat(w.get(2)).containsExactly(T.plus(Duration.ofHours(48)), until);
  }

  @Test
  void aWindowShorterThanFifteenMinutesReachesBackToFifteen() {
    Instant until = T.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(5));
    List<Instant[]> w = ExportRequester.windows(T, until);
    assertThat(w).hasSize(2);
    // the last one covers 15 minutes ending at until: applying a key's newest state again is
    // harmless
    assertThat(w.get(1)).containsExactly(until.minus(Duration.ofMinutes(15)), until);

    List<Instant[]> short1 = ExportRequester.windows(T, T.plus(Duration.ofMinutes(3)));
    assertThat(short1).hasSize(1);
    assertThat(Duration.between(short1.get(0)[0], short1.get(0)[1]))
        .isEqualTo(Duration.ofMinutes(15));
  }
}
