package io.nimo.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.checkpoint.JobState.Delta;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checkpoint files' JSON: what is written reads back, and what cannot be read says why. */
class CheckpointJsonTest {

  @Test
  void statusRoundTripsThePhaseAndTheTablesAndStreamsRecorded() {
    JobState s =
        JobState.fresh("orders-job")
            .apply(new Delta.PhaseChanged(JobState.Phase.INCR_SYNC))
            .apply(new Delta.TablePrepared("orders", 2))
            .apply(new Delta.TablePrepared("users", 1))
            .apply(
                new Delta.StreamPrepared(
                    "orders",
                    "arn:s",
                    List.of(
                        new ShardCheckpoint("s1", null, null, ShardCheckpoint.Status.PENDING))));

    CheckpointJson.Status back =
        CheckpointJson.readStatus(CheckpointJson.writeStatus(s), "status.json");

    assertThat(back.jobId()).isEqualTo("orders-job");
    assertThat(back.phase()).isEqualTo(JobState.Phase.INCR_SYNC);
    assertThat(back.tables()).containsExactlyInAnyOrder("orders", "users");
    assertThat(back.streams()).containsExactly("orders");
  }

  @Test
  void theOriginalsStatusKeysAreWritten() {
    String json = CheckpointJson.writeStatus(JobState.fresh("j"));

    assertThat(json.replace(" ", ""))
        .contains("\"key\":\"status_key\"")
        .contains("\"status_value\":\"\"");
    assertThat(CheckpointJson.readStatus(json, "f").phase()).isEqualTo(JobState.Phase.NEW);
  }

  @Test
  void aFileThatIsNotJsonIsRefusedNamingTheFile() {
    assertThatThrownBy(() -> CheckpointJson.readTable("{\"table\": ", "ckpt/orders.json"))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("ckpt/orders.json")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void anotherFormatVersionIsRefusedSayingWhichThisNimoReads() {
    assertThatThrownBy(
            () -> CheckpointJson.readStream("{\"format_version\": 2, \"shards\": []}", "s.json"))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("s.json has format_version 2")
        .hasMessageContaining("reads version " + JobState.FORMAT_VERSION);
    assertThatThrownBy(() -> CheckpointJson.readStatus("{\"job_id\": \"j\"}", "status.json"))
        .hasMessageContaining("format_version -1");
  }

  @Test
  void anUnknownPhaseOrShardStatusIsRefusedNotGuessed() {
    String phase =
        CheckpointJson.writeStatus(JobState.fresh("j"))
            .replace(" ", "")
            .replace("\"status_value\":\"\"", "\"status_value\":\"half_done\"");
    assertThatThrownBy(() -> CheckpointJson.readStatus(phase, "status.json"))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("status.json")
        .hasMessageContaining("half_done");

    StreamCheckpoint stream =
        new StreamCheckpoint(
            "t",
            "arn",
            java.util.Map.of(
                "s1", new ShardCheckpoint("s1", null, "5", ShardCheckpoint.Status.READING)),
            0);
    String json =
        CheckpointJson.writeStream(stream)
            .replace(" ", "")
            .replace(
                "\"Status\":\"" + ShardCheckpoint.Status.READING.code().replace(" ", "") + "\"",
                "\"Status\":\"sideways\"");
    assertThatThrownBy(() -> CheckpointJson.readStream(json, "t.stream.json"))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("t.stream.json")
        .hasMessageContaining("sideways");
  }

  @Test
  void aTableWithoutSegmentsYetReadsBackEmpty() {
    TableCheckpoint t = new TableCheckpoint("t", true, 3, java.util.Map.of(), false);

    TableCheckpoint back = CheckpointJson.readTable(CheckpointJson.writeTable(t), "t.json");

    assertThat(back.prepared()).isTrue();
    assertThat(back.totalSegments()).isEqualTo(3);
    assertThat(back.segments()).isEmpty();
    assertThat(back.done()).isFalse();
  }
}
