package io.nimo.core.source.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.dynamo.DynamoErrorClassifier;
import io.nimo.core.dynamo.StreamNotFoundException;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.RetryPolicy;
import io.nimo.core.source.SourceTableDeletedException;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.OneTableEndpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A deleted table or a replaced stream is named, not reported as a bare read error. */
class StreamGuardTest {
  private static final String ARN = "arn:table/orders/stream/1";

  private final OneTableEndpoint tables = new OneTableEndpoint(ARN);
  private final ManualClock time = new ManualClock();
  private final StreamGuard guard =
      new StreamGuard(
          "orders",
          tables,
          new Retrier(
              new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5)),
              new DynamoErrorClassifier(),
              time,
              time));

  @Test
  void theSameStreamPasses() {
    guard.check(ARN);
  }

  @Test
  void aDeletedTableIsNamed() {
    tables.deleted = true;
    assertThatThrownBy(() -> guard.check(ARN))
        .isInstanceOf(SourceTableDeletedException.class)
        .hasMessageContaining("orders");
  }

  @Test
  void aReplacedStreamLosesThePositions() {
    tables.streamArn = "arn:table/orders/stream/2";
    assertThatThrownBy(() -> guard.check(ARN))
        .isInstanceOf(StreamPositionLostException.class)
        .hasMessageContaining("stream/1")
        .hasMessageContaining("stream/2");
  }

  @Test
  void aStreamGoneFromUnderAReaderIsExplainedByTheTableState() {
    RuntimeException gone = new StreamNotFoundException("stream " + ARN, null);
    tables.deleted = true;
    assertThat(guard.explain(ARN, gone)).isInstanceOf(SourceTableDeletedException.class);
    tables.deleted = false;
    assertThat(guard.explain(ARN, gone)).isSameAs(gone);
  }
}
