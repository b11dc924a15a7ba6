package io.nimo.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.config.ExistPolicy;
import io.nimo.core.item.ItemEquality;
import io.nimo.core.item.ItemJson;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import io.nimo.core.sink.ItemWriteException;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.sink.TargetTableExistsException;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.ChangeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The conformance tests every {@link Target} must pass. An implementer extends this class (it is in
 * nimo-core's test-jar) and supplies a fresh, empty session per test.
 */
public abstract class TargetContract {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private TargetSession session;
  private String table;

  /** A session on an empty target; closed after each test. */
  protected abstract TargetSession openSession();

  /**
   * An item (hash {@code pk} S, range {@code sk} N) that this target refuses, for the write-failure
   * test; {@code null} (the default) when the target stores every DynamoDB item.
   *
   * @return the refused item, or {@code null}
   */
  protected Map<String, AttributeValue> refusedItem() {
    return null;
  }

  @BeforeEach
  void open() {
    session = openSession();
    table = "contract_" + TABLES.incrementAndGet();
  }

  @AfterEach
  void close() {
    session.close();
  }

  protected static TableSchema sourceTable(String name) {
    return TableSchema.of(
        name,
        new KeySchema("pk", "sk"),
        Map.of("pk", KeyAttributeType.S, "sk", KeyAttributeType.N));
  }

  private static Map<String, AttributeValue> item(String pk, int sk, Random rnd) {
    Map<String, AttributeValue> m =
        new java.util.LinkedHashMap<>(TestItems.ordinary("pk", TestItems.s(pk), rnd));
    m.put("sk", TestItems.n(String.valueOf(sk)));
    return m;
  }

  /** Same item by DynamoDB semantics (numbers by value, sets unordered). */
  protected static void assertSame(
      Map<String, AttributeValue> actual, Map<String, AttributeValue> expected) {
    assertThat(ItemEquality.equal(actual, expected))
        .as("expected %s%nbut read %s", ItemJson.write(expected), ItemJson.write(actual))
        .isTrue();
  }

  private Target prepared() {
    Target t = session.table(table, sourceTable(table).key());
    t.prepare(sourceTable(table), ExistPolicy.FAIL);
    return t;
  }

  @Test
  void writtenItemsReadBackExactly() {
    Target t = prepared();
    Random rnd = new Random(5);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      items.add(item("p" + (i % 3), i, rnd));
    }
    WriteResult r = t.writeBatch(items);
    assertThat(r.written()).isEqualTo(20);
    KeySchema keys = new KeySchema("pk", "sk");
    for (Map<String, AttributeValue> item : items) {
      assertSame(t.read(keys.keyOf(item)).orElseThrow(), item);
    }
    assertThat(t.read(keys.keyOf(item("absent", 1, rnd)))).isEmpty();
  }

  @Test
  void readAllReturnsEveryStoredKeyAndLeavesAbsentKeysOut() {
    Target t = prepared();
    Random rnd = new Random(11);
    KeySchema keys = new KeySchema("pk", "sk");
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < 210; i++) {
      items.add(item("p" + (i % 4), i, rnd));
    }
    for (int i = 0; i < items.size(); i += 25) {
      t.writeBatch(items.subList(i, Math.min(items.size(), i + 25)));
    }
    List<ItemKey> wanted = new ArrayList<>();
    items.forEach(item -> wanted.add(keys.keyOf(item)));
    List<ItemKey> absent =
        List.of(
            keys.keyOf(item("absent", 1, rnd)),
            keys.keyOf(item("p1", 1000, rnd)),
            keys.keyOf(item("p2", 1001, rnd)));
    wanted.addAll(100, absent);

    Map<ItemKey, Map<String, AttributeValue>> found = t.readAll(wanted);

    assertThat(found).hasSize(items.size()).doesNotContainKeys(absent.toArray(new ItemKey[0]));
    for (Map<String, AttributeValue> item : items) {
      assertSame(found.get(keys.keyOf(item)), item);
    }
    assertThat(t.readAll(List.of())).isEmpty();
  }

  @Test
  void edgeCaseItemsSurviveTheRoundTrip() {
    Target t = prepared();
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    int sk = 0;
    for (Map<String, AttributeValue> e :
        TestItems.edgeCases(
            "pk",
            List.of(
                TestItems.s("e1"),
                TestItems.s("e2"),
                TestItems.s("e3"),
                TestItems.s("e4"),
                TestItems.s("e5")))) {
      Map<String, AttributeValue> m = new java.util.LinkedHashMap<>(e);
      m.put("sk", TestItems.n(String.valueOf(sk++)));
      items.add(m);
    }
    for (Map<String, AttributeValue> item : items) {
      t.writeBatch(List.of(item));
      assertSame(t.read(new KeySchema("pk", "sk").keyOf(item)).orElseThrow(), item);
    }
  }

  @Test
  void writesAreIdempotentUpsertsAndTheLastDuplicateWins() {
    Target t = prepared();
    Random rnd = new Random(6);
    Map<String, AttributeValue> first = item("dup", 1, rnd);
    Map<String, AttributeValue> second = item("dup", 1, rnd);
    WriteResult r = t.writeBatch(List.of(first, item("other", 2, rnd), second));
    assertThat(r.written()).isEqualTo(2);
    assertThat(r.deduplicated()).isEqualTo(1);
    t.writeBatch(List.of(second));
    assertSame(t.read(new KeySchema("pk", "sk").keyOf(second)).orElseThrow(), second);
    try (Stream<Map<String, AttributeValue>> all = t.scan()) {
      assertThat(all.count()).isEqualTo(2);
    }
  }

  @Test
  void streamChangesApplyInOrderAndReplayIdempotently() {
    Target t = prepared();
    Random rnd = new Random(8);
    KeySchema keys = new KeySchema("pk", "sk");
    Map<String, AttributeValue> a1 = item("a", 1, rnd);
    Map<String, AttributeValue> a2 = item("a", 1, rnd);
    Map<String, AttributeValue> b = item("b", 2, rnd);
    Map<String, AttributeValue> c = item("c", 3, rnd);
    t.writeBatch(List.of(c));
    List<ChangeEvent> events =
        List.of(
            change(ChangeEvent.Kind.INSERT, keys, a1, "1"),
            change(ChangeEvent.Kind.INSERT, keys, b, "2"),
            change(ChangeEvent.Kind.MODIFY, keys, a2, "3"),
            change(ChangeEvent.Kind.REMOVE, keys, b, "4"),
            change(ChangeEvent.Kind.REMOVE, keys, c, "5"),
            change(ChangeEvent.Kind.REMOVE, keys, item("never-there", 9, rnd), "6"));
    for (int replay = 0; replay < 2; replay++) {
      t.apply(events);
      assertSame(t.read(keys.keyOf(a1)).orElseThrow(), a2);
      assertThat(t.read(keys.keyOf(b))).isEmpty();
      assertThat(t.read(keys.keyOf(c))).isEmpty();
    }
    assertThat(t.apply(List.of()).written()).isZero();
  }

  private static ChangeEvent change(
      ChangeEvent.Kind kind, KeySchema keys, Map<String, AttributeValue> item, String seq) {
    return new ChangeEvent(
        kind, keys.keyOf(item), kind == ChangeEvent.Kind.REMOVE ? null : item, seq, false);
  }

  /** 230 distinct-key inserts: several BatchWriteItem chunks for DynamoDB-API targets. */
  private static List<ChangeEvent> bulkInserts(KeySchema keys) {
    Random rnd = new Random(10);
    List<ChangeEvent> events = new java.util.ArrayList<>();
    for (int i = 0; i < 230; i++) {
      events.add(change(ChangeEvent.Kind.INSERT, keys, item("bulk-" + i, i, rnd), "" + i));
    }
    return events;
  }

  @Test
  void aLargeStreamBatchIsAppliedWhole() {
    Target t = prepared();
    KeySchema keys = new KeySchema("pk", "sk");
    List<ChangeEvent> events = bulkInserts(keys);
    assertThat(t.apply(events).written()).isEqualTo(events.size());
    for (ChangeEvent e : events) {
      assertSame(t.read(e.key()).orElseThrow(), e.newImage());
    }
  }

  @Test
  void aRefusedChangeInALargeStreamBatchFailsTheCallNamingItsKey() {
    Map<String, AttributeValue> refused = refusedItem();
    org.junit.jupiter.api.Assumptions.assumeTrue(refused != null, "this target stores every item");
    Target t = prepared();
    KeySchema keys = new KeySchema("pk", "sk");
    List<ChangeEvent> events = new java.util.ArrayList<>(bulkInserts(keys));
    events.add(100, change(ChangeEvent.Kind.INSERT, keys, refused, "refused"));
    assertThatThrownBy(() -> t.apply(events))
        .isInstanceOf(ItemWriteException.class)
        .hasMessageContaining(keys.keyOf(refused).toString());
    assertThat(t.read(keys.keyOf(refused))).isEmpty();
  }

  @Test
  void anItemTheTargetRefusesFailsTheCallNamingItsKeyAndNothingIsDroppedSilently() {
    Map<String, AttributeValue> refused = refusedItem();
    org.junit.jupiter.api.Assumptions.assumeTrue(refused != null, "this target stores every item");
    Target t = prepared();
    KeySchema keys = new KeySchema("pk", "sk");
    Map<String, AttributeValue> fine = item("fine", 1, new Random(9));
    assertThatThrownBy(() -> t.writeBatch(List.of(fine, refused)))
        .isInstanceOf(ItemWriteException.class)
        .hasMessageContaining(keys.keyOf(refused).toString());
    assertThat(t.read(keys.keyOf(refused))).isEmpty();
  }

  @Test
  void scanReturnsEveryItem() {
    Target t = prepared();
    Random rnd = new Random(7);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < 260; i++) {
      items.add(item("s" + (i % 17), i, rnd));
    }
    for (int i = 0; i < items.size(); i += 25) {
      t.writeBatch(items.subList(i, Math.min(items.size(), i + 25)));
    }
    try (Stream<Map<String, AttributeValue>> all = t.scan()) {
      assertThat(all.map(m -> m.get("sk").n()).collect(Collectors.toSet())).hasSize(260);
    }
  }

  @Test
  void anExistingTableIsReplacedOnlyWithDrop() {
    Target t = prepared();
    t.writeBatch(List.of(item("old", 1, new Random(1))));
    assertThatThrownBy(
            () ->
                session
                    .table(table, sourceTable(table).key())
                    .prepare(sourceTable(table), ExistPolicy.FAIL))
        .isInstanceOf(TargetTableExistsException.class)
        .hasMessageContaining(table);
    assertThat(
            session
                .table(table, sourceTable(table).key())
                .prepare(sourceTable(table), ExistPolicy.DROP)
                .dropped())
        .isTrue();
    try (Stream<Map<String, AttributeValue>> all =
        session.table(table, sourceTable(table).key()).scan()) {
      assertThat(all.count()).isZero();
    }
  }
}
