package io.nimo.core.check;

import static io.nimo.core.testkit.TestItems.n;
import static io.nimo.core.testkit.TestItems.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.item.ItemKey;
import io.nimo.core.retry.Timing;
import io.nimo.core.testkit.ManualClock;
import io.nimo.core.testkit.TestRetriers;
import io.nimo.core.testkit.UnsupportedDynamoApi;
import io.nimo.core.testkit.UnsupportedTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The recheck after a pause: differences the live sync closes in the meantime are dropped, those
 * that persist are kept in the report, and a stop during the pause keeps the first pass's result.
 */
class DiffRecheckerTest {
  private static final String TABLE = "orders";

  @TempDir Path dir;

  private final Map<ItemKey, Map<String, AttributeValue>> sourceItems = new ConcurrentHashMap<>();
  private final Map<ItemKey, Map<String, AttributeValue>> targetItems = new ConcurrentHashMap<>();
  private final ManualClock clock = new ManualClock();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private Runnable duringThePause = () -> {};

  private static ItemKey key(String id) {
    return new ItemKey(Map.of("id", s(id)));
  }

  private static Map<String, AttributeValue> item(String id, String total) {
    return Map.of("id", s(id), "total", n(total));
  }

  private final class Source extends UnsupportedDynamoApi {
    @Override
    public Map<String, AttributeValue> getItem(String table, Map<String, AttributeValue> key) {
      assertThat(table).isEqualTo(TABLE);
      return sourceItems.getOrDefault(new ItemKey(key), Map.of());
    }

    @Override
    public void close() {}
  }

  private final class MapTarget extends UnsupportedTarget {
    MapTarget() {
      super(TABLE);
    }

    @Override
    public Optional<Map<String, AttributeValue>> read(ItemKey key) {
      return Optional.ofNullable(targetItems.get(key));
    }
  }

  private DiffRechecker rechecker(Duration after) {
    AtomicBoolean paused = new AtomicBoolean();
    Timing timing =
        new Timing(
            clock,
            d -> {
              if (paused.compareAndSet(false, true)) {
                duringThePause.run();
              }
              clock.sleep(d);
            });
    return new DiffRechecker(
        new Source(), TestRetriers.manual(clock), new MapTarget(), after, stopped, timing);
  }

  /** Three differences, as a first pass found and wrote them. */
  private Path firstPass() throws Exception {
    sourceItems.put(key("late"), item("late", "1"));
    sourceItems.put(key("stale"), item("stale", "2"));
    targetItems.put(key("stale"), item("stale", "1"));
    targetItems.put(key("gone"), item("gone", "9"));
    Path file = DiffFiles.of(dir, TABLE);
    try (DiffFiles.Writer w = new DiffFiles.Writer(file)) {
      w.add(new Difference(Difference.Kind.MISSING, key("late"), List.of()));
      w.add(new Difference(Difference.Kind.DIFFERENT, key("stale"), List.of("total")));
      w.add(new Difference(Difference.Kind.EXTRA, key("gone"), List.of()));
    }
    return file;
  }

  private static LongAdder[] counts(long missing, long different, long extra) {
    LongAdder[] found = {new LongAdder(), new LongAdder(), new LongAdder()};
    found[0].add(missing);
    found[1].add(different);
    found[2].add(extra);
    return found;
  }

  @Test
  void keepsOnlyTheDifferencesThatPersistAfterThePause() throws Exception {
    Path file = firstPass();
    // the live sync delivers the missing item during the pause; the rest stays as it was
    duringThePause = () -> targetItems.put(key("late"), item("late", "1"));

    TableCheck result = rechecker(Duration.ofSeconds(30)).settle(TABLE, 10, counts(1, 1, 1), file);

    assertThat(result.missing()).isZero();
    assertThat(result.different()).isEqualTo(1);
    assertThat(result.extra()).isEqualTo(1);
    assertThat(result.checked()).isEqualTo(10);
    assertThat(result.diffFile()).isEqualTo(file);
    assertThat(DiffFiles.read(file))
        .extracting(d -> d.key().values().get("id").s())
        .containsExactly("stale", "gone");
    assertThat(Files.exists(file.resolveSibling(file.getFileName() + ".recheck"))).isFalse();
    long waited = clock.sleeps.stream().mapToLong(Duration::toMillis).sum();
    assertThat(waited).isGreaterThanOrEqualTo(30_000).isLessThan(30_200);
  }

  @Test
  void differencesAllClosedDuringThePauseLeaveNoReport() throws Exception {
    Path file = firstPass();
    duringThePause =
        () -> {
          targetItems.put(key("late"), item("late", "1"));
          targetItems.put(key("stale"), item("stale", "2"));
          targetItems.remove(key("gone"));
        };

    TableCheck result = rechecker(Duration.ofSeconds(5)).settle(TABLE, 3, counts(1, 1, 1), file);

    assertThat(result.consistent()).isTrue();
    assertThat(result.diffFile()).isNull();
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void aDifferenceThatChangedKindIsReportedAsItIsNow() throws Exception {
    Path file = firstPass();
    // the missing item was deleted on the source but reached the target before that
    duringThePause =
        () -> {
          sourceItems.remove(key("late"));
          targetItems.put(key("late"), item("late", "1"));
        };

    TableCheck result = rechecker(Duration.ofSeconds(1)).settle(TABLE, 3, counts(1, 1, 1), file);

    assertThat(result.missing()).isZero();
    assertThat(result.extra()).isEqualTo(2);
    Map<String, Difference.Kind> kinds = new HashMap<>();
    DiffFiles.read(file).forEach(d -> kinds.put(d.key().values().get("id").s(), d.kind()));
    assertThat(kinds)
        .containsEntry("late", Difference.Kind.EXTRA)
        .containsEntry("stale", Difference.Kind.DIFFERENT);
  }

  @Test
  void aStopDuringThePauseKeepsTheFirstPassUntouched() throws Exception {
    Path file = firstPass();
    duringThePause = () -> stopped.set(true);

    TableCheck result = rechecker(Duration.ofMinutes(10)).settle(TABLE, 3, counts(1, 1, 1), file);

    assertThat(result.missing() + result.different() + result.extra()).isEqualTo(3);
    assertThat(DiffFiles.read(file)).hasSize(3);
    long waited = clock.sleeps.stream().mapToLong(Duration::toMillis).sum();
    assertThat(waited).as("the stop ends the pause at once").isLessThanOrEqualTo(200);
  }

  @Test
  void noRecheckWhenThePauseIsZeroOrNothingDiffered() throws Exception {
    Path file = firstPass();
    duringThePause = () -> targetItems.put(key("late"), item("late", "1"));

    TableCheck unchecked = rechecker(Duration.ZERO).settle(TABLE, 3, counts(1, 1, 1), file);
    TableCheck clean = rechecker(Duration.ofMinutes(1)).settle(TABLE, 3, counts(0, 0, 0), null);

    assertThat(unchecked.missing()).isEqualTo(1);
    assertThat(DiffFiles.read(file)).hasSize(3);
    assertThat(clean.consistent()).isTrue();
    assertThat(clock.sleeps).isEmpty();
  }

  @Test
  void aStoppedPassIsReportedAsIncompleteWithoutARecheck() throws Exception {
    Path file = firstPass();
    stopped.set(true);

    TableCheck result = rechecker(Duration.ofMinutes(1)).settle(TABLE, 2, counts(1, 1, 1), file);

    assertThat(result.error()).contains("stopped before the table was fully checked");
    assertThat(result.consistent()).isFalse();
    assertThat(clock.sleeps).isEmpty();
  }
}
