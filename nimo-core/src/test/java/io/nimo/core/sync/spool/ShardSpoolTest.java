package io.nimo.core.sync.spool;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.item.ItemKey;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.testkit.TestItems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ShardSpoolTest {
  @TempDir Path dir;

  private static ChangeEvent put(long seq, String id) {
    Map<String, AttributeValue> item =
        Map.of(
            "id",
            TestItems.s(id),
            "n",
            TestItems.n("1.50"),
            "b",
            AttributeValue.fromB(SdkBytes.fromUtf8String("\u00e9\n")),
            "ss",
            AttributeValue.fromSs(List.of("a", "b")));
    return new ChangeEvent(
        ChangeEvent.Kind.MODIFY,
        new ItemKey(Map.of("id", TestItems.s(id))),
        item,
        String.valueOf(seq),
        false);
  }

  private static ChangeEvent ttlDelete(long seq, String id) {
    return new ChangeEvent(
        ChangeEvent.Kind.REMOVE,
        new ItemKey(Map.of("id", TestItems.s(id))),
        null,
        String.valueOf(seq),
        true);
  }

  private static List<ChangeEvent> readAll(ShardSpool spool) throws Exception {
    List<ChangeEvent> out = new ArrayList<>();
    try (ShardSpool.LineReader r = spool.reader(0)) {
      for (SpoolCodec.Entry e = r.next(); e != null; e = r.next()) {
        out.add(e.event());
      }
    }
    return out;
  }

  private static ShardCheckpoint after(String seq) {
    return new ShardCheckpoint("shard-1", null, seq, ShardCheckpoint.Status.SPOOLING);
  }

  @Test
  void keepsChangesExactlyAcrossAWriteAndRead() throws Exception {
    ShardSpool spool = new ShardSpool(dir.resolve("t"), "shard-1");
    spool.prepare(after(null));
    List<ChangeEvent> events = List.of(put(100, "a"), ttlDelete(101, "a"), put(102, "\u00fc ber"));
    spool.append(events, 1234);
    assertThat(readAll(spool)).isEqualTo(events);
    try (ShardSpool.LineReader r = spool.reader(0)) {
      assertThat(r.next().createdMillis()).isEqualTo(1234);
    }
  }

  @Test
  void cutsRecordsWrittenAfterTheLastCheckpointedPositionAndATornLine() throws Exception {
    ShardSpool spool = new ShardSpool(dir.resolve("t"), "shard-1");
    spool.prepare(after(null));
    spool.append(List.of(put(100, "a"), put(101, "b")), 0);
    // the next page reached the disk, but the crash came before its position was checkpointed
    spool.append(List.of(put(102, "c"), put(103, "d")), 0);
    Files.writeString(spool.file(), "{\"s\":\"104\",\"k\":\"MOD", StandardOpenOption.APPEND);
    spool.prepare(after("101"));
    assertThat(readAll(spool))
        .extracting(ChangeEvent::sequenceNumber)
        .containsExactly("100", "101");
    spool.append(List.of(put(102, "c")), 0);
    assertThat(readAll(spool))
        .extracting(ChangeEvent::sequenceNumber)
        .containsExactly("100", "101", "102");
  }

  @Test
  void anInclusivePositionKeepsOnlyRecordsBeforeIt() throws Exception {
    ShardSpool spool = new ShardSpool(dir.resolve("t"), "shard-1");
    spool.prepare(after(null));
    spool.append(List.of(put(99, "a"), put(100, "b")), 0);
    spool.prepare(
        new ShardCheckpoint("shard-1", null, "100", ShardCheckpoint.Status.PENDING, true));
    assertThat(readAll(spool)).extracting(ChangeEvent::sequenceNumber).containsExactly("99");
  }

  @Test
  void comparesSequenceNumbersAsNumbers() throws Exception {
    ShardSpool spool = new ShardSpool(dir.resolve("t"), "shard-1");
    spool.prepare(after(null));
    spool.append(List.of(put(9, "a"), put(10, "b"), put(11, "c")), 0);
    spool.prepare(after("10"));
    assertThat(readAll(spool)).extracting(ChangeEvent::sequenceNumber).containsExactly("9", "10");
  }

  @Test
  void recordsReplayProgressAtomically() throws Exception {
    ShardSpool spool = new ShardSpool(dir.resolve("t"), "shard-1");
    spool.prepare(after(null));
    assertThat(spool.replayed()).isZero();
    spool.markReplayed(42);
    assertThat(spool.replayed()).isEqualTo(42);
    spool.markReplayed(-1);
    spool.deleteSpool();
    assertThat(spool.replayed()).isEqualTo(-1);
    assertThat(spool.exists()).isFalse();
    try (var files = Files.list(dir.resolve("t"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("shard-1.replayed");
    }
  }
}
