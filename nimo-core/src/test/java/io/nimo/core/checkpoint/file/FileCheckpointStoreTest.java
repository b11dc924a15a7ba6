package io.nimo.core.checkpoint.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.checkpoint.CheckpointException;
import io.nimo.core.checkpoint.JobState;
import io.nimo.core.checkpoint.SegmentCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class FileCheckpointStoreTest {
  @TempDir Path dir;

  private static final Map<String, AttributeValue> KEY =
      Map.of(
          "pk", AttributeValue.fromN("12345678901234567890123456789012345678"),
          "sk", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff})));

  private FileCheckpointStore storeWithProgress() {
    FileCheckpointStore store = new FileCheckpointStore(dir);
    assertThat(store.load("job").phase()).isEqualTo(JobState.Phase.NEW);
    store.save(new JobState.Delta.PhaseChanged(JobState.Phase.FULL_SYNC));
    store.save(new JobState.Delta.TablePrepared("orders", 4));
    store.save(
        new JobState.Delta.SegmentsAdvanced(
            "orders",
            List.of(
                new SegmentCheckpoint(2, KEY, 128, false),
                new SegmentCheckpoint(3, null, 7, true))));
    return store;
  }

  @Test
  void persistsPhaseTablesAndExactSegmentKeys() {
    storeWithProgress();
    JobState loaded = new FileCheckpointStore(dir).load("job");
    assertThat(loaded.phase()).isEqualTo(JobState.Phase.FULL_SYNC);
    var table = loaded.table("orders").orElseThrow();
    assertThat(table.prepared()).isTrue();
    assertThat(table.totalSegments()).isEqualTo(4);
    assertThat(table.segment(2).lastKey()).isEqualTo(KEY);
    assertThat(table.segment(2).itemsWritten()).isEqualTo(128);
    assertThat(table.segment(3).done()).isTrue();
    assertThat(table.segment(0).lastKey()).isNull();
    assertThat(table.itemsWritten()).isEqualTo(135);
  }

  @Test
  void aCrashBetweenWriteAndRenameLeavesThePreviousState() throws Exception {
    storeWithProgress();
    // what a crash after writing the temporary file but before the rename leaves behind
    Files.writeString(
        dir.resolve("full.orders.json.tmp"), "{\"format_version\":1,\"table\":\"orders\",\"segm");
    Files.writeString(dir.resolve("status_table.json.tmp"), "garbage");
    JobState loaded = new FileCheckpointStore(dir).load("job");
    assertThat(loaded.table("orders").orElseThrow().segment(2).lastKey()).isEqualTo(KEY);
    assertThat(loaded.phase()).isEqualTo(JobState.Phase.FULL_SYNC);
  }

  @Test
  void refusesAnUnknownFormatVersion() throws Exception {
    storeWithProgress();
    Path status = dir.resolve(FileCheckpointStore.STATUS_FILE);
    Files.writeString(
        status,
        Files.readString(status).replace("\"format_version\" : 1", "\"format_version\" : 7"));
    assertThatThrownBy(() -> new FileCheckpointStore(dir).load("job"))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("format_version 7")
        .hasMessageContaining("reads version 1");
  }

  @Test
  void refusesACheckpointOfAnotherJob() {
    storeWithProgress();
    assertThatThrownBy(() -> new FileCheckpointStore(dir).load("other"))
        .hasMessageContaining("belongs to job 'job'");
  }

  @Test
  void reportsACorruptFile() throws Exception {
    storeWithProgress();
    Files.writeString(dir.resolve("full.orders.json"), "{not json");
    assertThatThrownBy(() -> new FileCheckpointStore(dir).load("job"))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("full.orders")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void completedTablesAndPhaseSurviveReload() {
    FileCheckpointStore store = storeWithProgress();
    store.save(new JobState.Delta.TableCompleted("orders"));
    store.save(new JobState.Delta.PhaseChanged(JobState.Phase.FULL_DONE));
    JobState loaded = new FileCheckpointStore(dir).load("job");
    assertThat(loaded.phase()).isEqualTo(JobState.Phase.FULL_DONE);
    assertThat(loaded.table("orders").orElseThrow().done()).isTrue();
  }
}
