package io.nimo.core.sink.dynamo;

import static io.nimo.core.testkit.TestItems.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.dynamo.ScanCall;
import io.nimo.core.dynamo.ScanResult;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.TestRetriers;
import io.nimo.core.testkit.UnsupportedDynamoApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** How a check reads a DynamoDB-API target: a parallel count, and a lazy consistent scan. */
class DynamoTableScansTest {

  /**
   * A table whose Scan answers in pages of {@code pageSize}, split over segments by item number,
   * with an empty page (only a LastEvaluatedKey) after the first, as DynamoDB may return.
   */
  private static final class PagedTable extends UnsupportedDynamoApi {
    final int items;
    final int pageSize;
    final List<ScanCall> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger throttles = new AtomicInteger();
    volatile boolean broken;

    PagedTable(int items, int pageSize) {
      this.items = items;
      this.pageSize = pageSize;
    }

    @Override
    public ScanResult scan(ScanCall call) {
      calls.add(call);
      if (broken) {
        throw refusal(400, "ResourceNotFoundException");
      }
      if (throttles.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw refusal(400, "ProvisionedThroughputExceededException");
      }
      List<Integer> mine = new ArrayList<>();
      for (int i = 0; i < items; i++) {
        if (i % call.totalSegments() == call.segment()) {
          mine.add(i);
        }
      }
      int from = call.startKey() == null ? 0 : Integer.parseInt(call.startKey().get("pos").n());
      boolean afterGap = call.startKey() != null && call.startKey().containsKey("gap");
      if (from == pageSize && !afterGap) {
        return new ScanResult(List.of(), Map.of("pos", n(from), "gap", s("1")), 0);
      }
      int to = Math.min(mine.size(), from + pageSize);
      List<Map<String, AttributeValue>> page =
          mine.subList(from, to).stream()
              .map(i -> Map.of("id", s("k" + i)))
              .collect(Collectors.toList());
      Map<String, AttributeValue> next = to < mine.size() ? Map.of("pos", n(to)) : null;
      return new ScanResult(call.countOnly() ? List.of() : page, next, page.size());
    }

    private static AttributeValue n(int v) {
      return AttributeValue.fromN(Integer.toString(v));
    }

    private static DynamoDbException refusal(int status, String code) {
      return (DynamoDbException)
          DynamoDbException.builder()
              .statusCode(status)
              .message(code)
              .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
              .build();
    }
  }

  private final ManualClock clock = new ManualClock();

  @Test
  void countScansEverySegmentInParallelCountingOnlyAndConsistently() {
    PagedTable t = new PagedTable(1_000, 70);

    long n = new DynamoTableCounter(t, TestRetriers.manual(clock), "orders").count(4);

    assertThat(n).isEqualTo(1_000);
    assertThat(t.calls).allSatisfy(c -> assertThat(c.countOnly() && c.consistentRead()).isTrue());
    assertThat(t.calls).extracting(ScanCall::segment).containsOnly(0, 1, 2, 3);
    assertThat(t.calls).extracting(ScanCall::totalSegments).containsOnly(4);
  }

  @Test
  void aThrottledCountPageIsRetriedAndCountedOnce() {
    PagedTable t = new PagedTable(300, 50);
    t.throttles.set(3);

    assertThat(new DynamoTableCounter(t, TestRetriers.manual(clock), "orders").count(1))
        .isEqualTo(300);
  }

  @Test
  void aFailedCountNamesTheTable() {
    PagedTable t = new PagedTable(10, 5);
    t.broken = true;

    assertThatThrownBy(
            () -> new DynamoTableCounter(t, TestRetriers.manual(clock), "orders").count(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("counting table orders failed");
  }

  @Test
  void theScanIsLazyConsistentAndReadsPastEmptyPages() {
    PagedTable t = new PagedTable(25, 10);
    var stream = new DynamoTableStream(t, TestRetriers.manual(clock), "orders").stream();
    assertThat(t.calls).as("nothing is read before the stream is consumed").isEmpty();

    List<String> ids = stream.map(i -> i.get("id").s()).toList();

    assertThat(ids).hasSize(25).doesNotHaveDuplicates().contains("k0", "k24");
    assertThat(t.calls).allSatisfy(c -> assertThat(c.consistentRead()).isTrue());
    assertThat(t.calls).as("three pages and the empty one between").hasSize(4);
  }

  @Test
  void aPartlyConsumedScanReadsOnlyThePagesItNeeds() {
    PagedTable t = new PagedTable(100, 10);

    List<Map<String, AttributeValue>> first =
        new DynamoTableStream(t, TestRetriers.manual(clock), "orders").stream().limit(5).toList();

    assertThat(first).hasSize(5);
    assertThat(t.calls).hasSize(1);
  }
}
