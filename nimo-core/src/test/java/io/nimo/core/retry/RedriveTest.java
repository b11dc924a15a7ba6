package io.nimo.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Re-sending what a server left unprocessed, within the retry budget. */
class RedriveTest {
  private final ManualClock time = new ManualClock();
  private final Retrier retrier =
      new Retrier(
          new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10)),
          e -> ErrorClass.fatal("test"),
          time,
          time);

  @Test
  void sendsOnlyWhatWasLeftUntilNothingIs() {
    List<List<String>> sends = new ArrayList<>();
    long again =
        Redrive.until(
            retrier,
            "BatchWriteItem t",
            "items",
            List.of("a", "b", "c", "d"),
            batch -> {
              sends.add(batch);
              // the server takes the first entry of every call
              return batch.subList(1, batch.size());
            },
            s -> s);
    assertThat(sends)
        .containsExactly(
            List.of("a", "b", "c", "d"), List.of("b", "c", "d"), List.of("c", "d"), List.of("d"));
    assertThat(again).isEqualTo(6);
    assertThat(time.sleeps).hasSize(3).allSatisfy(d -> assertThat(d).isPositive());
  }

  @Test
  void aBatchWrittenAtOnceIsNotSentAgain() {
    assertThat(Redrive.until(retrier, "w", "items", List.of(1, 2), b -> List.of(), String::valueOf))
        .isZero();
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void givesUpAfterTheBudgetNamingTheFirstEntryLeft() {
    assertThatThrownBy(
            () ->
                Redrive.until(
                    retrier,
                    "BatchGetItem t",
                    "keys",
                    List.of("k1", "k2"),
                    batch -> batch.subList(1, batch.size()).isEmpty() ? batch : batch.subList(1, 2),
                    s -> "id=" + s))
        .isInstanceOf(RetryBudgetExhaustedException.class)
        .hasMessageContaining("BatchGetItem t")
        .hasMessageContaining("1 keys still unprocessed")
        .hasMessageContaining("id=k2");
    Duration waited = time.sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(8));
  }
}
