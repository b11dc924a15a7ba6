package io.nimo.core.source.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StreamCoverageTest {
  private static final String ARN =
      "arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2026-12-07T07:14:44.178";
  private static final Instant CREATED = Instant.parse("2026-12-07T07:14:44.178Z");

  @Test
  void aYoungStreamCoversFromItsCreationAnOldOneFromTwentyThreeHoursAgo() {
    Instant soon = CREATED.plus(Duration.ofHours(2));
    assertThat(StreamCoverage.coveredFrom(ARN, soon)).isEqualTo(CREATED);
    Instant later = CREATED.plus(Duration.ofDays(3));
    assertThat(StreamCoverage.coveredFrom(ARN, later)).isEqualTo(later.minus(Duration.ofHours(23)));
  }

  @Test
  void anExportHandsOverOnlyWhenTheStreamReachesTwoMinutesBeforeItsTime() {
    assertThat(StreamCoverage.reaches(CREATED, CREATED.plus(Duration.ofMinutes(2)))).isTrue();
    assertThat(StreamCoverage.reaches(CREATED, CREATED.plus(Duration.ofMinutes(1)))).isFalse();
    assertThat(StreamCoverage.reaches(CREATED, CREATED.minus(Duration.ofHours(1)))).isFalse();
  }

  @Test
  void anArnWithoutALabelCountsAsCreatedNow() {
    Instant now = Instant.parse("2026-12-07T10:00:00Z");
    assertThat(StreamCoverage.coveredFrom("arn:aws:dynamodb:x:1:table/t", now)).isEqualTo(now);
  }
}
