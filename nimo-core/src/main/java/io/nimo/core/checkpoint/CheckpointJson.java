package io.nimo.core.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nimo.core.item.ItemJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The versioned JSON form of checkpoints (keys as DynamoDB JSON, so types survive exactly). */
final class CheckpointJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CheckpointJson() {}

  record Status(String jobId, JobState.Phase phase, List<String> tables, List<String> streams) {}

  static String writeStatus(JobState s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("format_version", JobState.FORMAT_VERSION);
    n.put("job_id", s.jobId());
    n.put("key", "status_key");
    n.put("status_value", s.phase().code());
    ArrayNode t = n.putArray("tables");
    s.tables().keySet().forEach(t::add);
    ArrayNode st = n.putArray("streams");
    s.streams().keySet().forEach(st::add);
    return text(n);
  }

  static Status readStatus(String json, String file) {
    JsonNode n = parse(json, file);
    List<String> tables = new ArrayList<>();
    n.path("tables").forEach(t -> tables.add(t.asText()));
    List<String> streams = new ArrayList<>();
    n.path("streams").forEach(t -> streams.add(t.asText()));
    try {
      return new Status(
          n.path("job_id").asText(),
          JobState.Phase.ofCode(n.path("status_value").asText()),
          tables,
          streams);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException("checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  static String writeTable(TableCheckpoint t) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("format_version", JobState.FORMAT_VERSION);
    n.put("table", t.table());
    n.put("prepared", t.prepared());
    n.put("total_segments", t.totalSegments());
    n.put("done", t.done());
    if (!TableCheckpoint.SCAN.equals(t.origin())) {
      n.put("bulk_origin", t.origin());
    }
    ArrayNode segs = n.putArray("segments");
    for (SegmentCheckpoint s : t.segments().values()) {
      ObjectNode sn = segs.addObject();
      sn.put("segment", s.segment());
      sn.put("items_written", s.itemsWritten());
      sn.put("done", s.done());
      if (s.lastKey() == null) {
        sn.putNull("last_evaluated_key");
      } else {
        sn.set("last_evaluated_key", ItemJson.toNode(s.lastKey()));
      }
    }
    return text(n);
  }

  static TableCheckpoint readTable(String json, String file) {
    JsonNode n = parse(json, file);
    Map<Integer, SegmentCheckpoint> segments = new LinkedHashMap<>();
    for (JsonNode s : n.path("segments")) {
      JsonNode key = s.path("last_evaluated_key");
      int seg = s.path("segment").asInt();
      segments.put(
          seg,
          new SegmentCheckpoint(
              seg,
              key.isObject() ? ItemJson.fromNode(key) : null,
              s.path("items_written").asLong(),
              s.path("done").asBoolean()));
    }
    return new TableCheckpoint(
        n.path("table").asText(),
        n.path("prepared").asBoolean(),
        n.path("total_segments").asInt(),
        segments,
        n.path("done").asBoolean(),
        n.path("bulk_origin").asText(TableCheckpoint.SCAN));
  }

  static String writeStream(StreamCheckpoint c) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("format_version", JobState.FORMAT_VERSION);
    n.put("table", c.table());
    n.put("stream_arn", c.streamArn());
    n.put("confirmed_at", c.confirmedAtMillis());
    ArrayNode shards = n.putArray("shards");
    for (ShardCheckpoint s : c.shards().values()) {
      ObjectNode sn = shards.addObject();
      sn.put("ShardId", s.shardId());
      sn.put("FatherId", s.parentShardId() == null ? "" : s.parentShardId());
      sn.put("SequenceNumber", s.sequenceNumber() == null ? "" : s.sequenceNumber());
      sn.put("Status", s.status().code());
      sn.put("IteratorType", s.iteratorType());
    }
    return text(n);
  }

  static StreamCheckpoint readStream(String json, String file) {
    JsonNode n = parse(json, file);
    Map<String, ShardCheckpoint> shards = new LinkedHashMap<>();
    try {
      for (JsonNode s : n.path("shards")) {
        String father = s.path("FatherId").asText();
        String seq = s.path("SequenceNumber").asText();
        ShardCheckpoint c =
            new ShardCheckpoint(
                s.path("ShardId").asText(),
                father.isEmpty() ? null : father,
                seq.isEmpty() ? null : seq,
                ShardCheckpoint.Status.ofCode(s.path("Status").asText()),
                "AT_SEQUENCE_NUMBER".equals(s.path("IteratorType").asText()));
        shards.put(c.shardId(), c);
      }
    } catch (IllegalArgumentException e) {
      throw new CheckpointException("checkpoint " + file + ": " + e.getMessage(), e);
    }
    return new StreamCheckpoint(
        n.path("table").asText(),
        n.path("stream_arn").asText(),
        shards,
        n.path("confirmed_at").asLong(0));
  }

  private static JsonNode parse(String json, String file) {
    JsonNode n;
    try {
      n = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new CheckpointException(
          "checkpoint " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    int version = n.path("format_version").asInt(-1);
    if (version != JobState.FORMAT_VERSION) {
      throw new CheckpointException(
          "checkpoint "
              + file
              + " has format_version "
              + version
              + "; this nimo reads version "
              + JobState.FORMAT_VERSION);
    }
    return n;
  }

  private static String text(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
