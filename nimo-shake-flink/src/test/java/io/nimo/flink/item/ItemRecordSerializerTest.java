package io.nimo.flink.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.testkit.TestItems;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The binary form items travel in between the Flink job's operators: exact for every DynamoDB type,
 * every kind of element, Flink's own copy path, and a snapshot that restores the same serializer
 * and refuses a format it cannot read.
 */
class ItemRecordSerializerTest {
  private static final ItemRecordSerializer SER = ItemRecordSerializer.INSTANCE;

  private static List<ItemRecord> records() {
    List<ItemRecord> out = new ArrayList<>();
    List<AttributeValue> keys =
        List.of(
            TestItems.s("1"),
            TestItems.s("2"),
            TestItems.s("3"),
            TestItems.s("4"),
            TestItems.s("5"));
    for (Map<String, AttributeValue> item : TestItems.edgeCases("pk", keys)) {
      out.add(ItemRecord.scanned("orders", "pk=" + item.get("pk").s(), item));
    }
    Map<String, AttributeValue> ordinary =
        TestItems.ordinary("pk", TestItems.binaryKey(300), new Random(1));
    out.add(ItemRecord.change("orders-v2", "pk=B:x", ordinary, false));
    out.add(ItemRecord.change("orders", "pk=S:gone", Map.of("pk", TestItems.s("gone")), true));
    out.add(ItemRecord.scanDone("\u0001scan-done-7", 3, 8));
    return out;
  }

  private static byte[] write(ItemRecord r) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    SER.serialize(r, out);
    return out.getCopyOfBuffer();
  }

  @Test
  void everyKindOfElementAndEveryItemAtDynamoDbsLimitsRoundTripsExactly() throws IOException {
    for (ItemRecord r : records()) {
      ItemRecord back = SER.deserialize(new DataInputDeserializer(write(r)));
      assertThat(back).isEqualTo(r);
      assertThat(back.kind()).isEqualTo(r.kind());
      assertThat(back.routingKey()).isEqualTo(r.routingKey());
      assertThat(back.item()).isEqualTo(r.item());
    }
  }

  @Test
  void flinksStreamCopyPathKeepsTheBytes() throws IOException {
    for (ItemRecord r : records()) {
      byte[] bytes = write(r);
      DataOutputSerializer copied = new DataOutputSerializer(64);
      SER.copy(new DataInputDeserializer(bytes), copied);
      assertThat(copied.getCopyOfBuffer()).isEqualTo(bytes);
    }
  }

  @Test
  void flinkFindsTheSerializerThroughTheTypeInformation() {
    assertThat(TypeInformation.of(ItemRecord.class)).isSameAs(ItemRecordTypeInfo.INSTANCE);
    assertThat(
            ItemRecordTypeInfo.INSTANCE.createSerializer(
                new org.apache.flink.api.common.serialization.SerializerConfigImpl()))
        .isSameAs(SER);
    assertThat(SER.isImmutableType()).isTrue();
  }

  @Test
  void aSnapshotRestoresTheSameSerializerAndIsCompatibleAsIs() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, SER.snapshotConfiguration());
    TypeSerializerSnapshot<ItemRecord> restored =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
    assertThat(restored.restoreSerializer()).isSameAs(SER);
    TypeSerializerSchemaCompatibility<ItemRecord> compatibility =
        SER.snapshotConfiguration().resolveSchemaCompatibility(restored);
    assertThat(compatibility.isCompatibleAsIs()).isTrue();
  }

  @Test
  void aSnapshotOfAnotherFormatIsRefusedRatherThanMisread() {
    DataOutputSerializer out = new DataOutputSerializer(8);
    ItemRecordSerializer.Snapshot later = new ItemRecordSerializer.Snapshot();
    assertThatThrownBy(
            () -> {
              out.writeInt(ItemRecordSerializer.Snapshot.FORMAT + 1);
              later.readSnapshot(
                  later.getCurrentVersion(),
                  new DataInputDeserializer(out.getCopyOfBuffer()),
                  getClass().getClassLoader());
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("format 2");
  }

  @Test
  void aCorruptKindIsRefused() {
    assertThatThrownBy(() -> SER.deserialize(new DataInputDeserializer(new byte[] {9})))
        .hasMessageContaining("unknown kind 9");
  }
}
