package io.nimo.core.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The check's state folder ({@code check.state_dir}): per table, the epoch of the full pass running
 * now ({@code <table>.pending.json}), of the last pass that found no difference or whose
 * differences were all repaired ({@code <table>.json}, the one {@code mode = changed} starts from),
 * or of a pass that found differences not repaired yet ({@code <table>.failed.json}). Files are
 * replaced atomically, so a killed check leaves the previous usable epoch in place.
 */
public final class CheckEpochStore {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int FORMAT_VERSION = 1;

  private final Path dir;

  /**
   * A store in {@code dir} (created on the first write).
   *
   * @param dir the state folder
   */
  public CheckEpochStore(Path dir) {
    this.dir = dir;
  }

  /** What {@link #usable} found. */
  public sealed interface Lookup {}

  /** A usable epoch. */
  public record Usable(CheckEpoch epoch) implements Lookup {}

  /**
   * No usable epoch.
   *
   * @param reason why, for the operator
   */
  public record Unusable(String reason) implements Lookup {}

  /** The folder. */
  public Path dir() {
    return dir;
  }

  /**
   * Records the epoch of a full pass that begins now.
   *
   * @param epoch the positions
   */
  public void begin(CheckEpoch epoch) {
    write(file(epoch.table(), ".pending.json"), epoch);
  }

  /** The pass that began with {@link #begin} ended with no difference: its epoch becomes usable. */
  public void passed(String table) {
    move(file(table, ".pending.json"), file(table, ".json"));
    delete(file(table, ".failed.json"));
  }

  /**
   * The pass found differences (or did not finish): no epoch of this table is usable until a repair
   * fixes them all or a later pass finds none.
   *
   * @param finished whether the pass finished (its differences can then be repaired)
   */
  public void failed(String table, boolean finished) {
    delete(file(table, ".json"));
    if (finished) {
      move(file(table, ".pending.json"), file(table, ".failed.json"));
    } else {
      delete(file(table, ".pending.json"));
    }
  }

  /**
   * A repair fixed every difference of the table's last report: the failed pass's epoch becomes
   * usable.
   *
   * @return whether there was such an epoch
   */
  public boolean repaired(String table) {
    Path failed = file(table, ".failed.json");
    if (!Files.exists(failed)) {
      return false;
    }
    move(failed, file(table, ".json"));
    return true;
  }

  /**
   * The epoch a changed-keys check of the table can start from.
   *
   * @return the epoch, or why there is none
   */
  public Lookup usable(String table) {
    Path failed = file(table, ".failed.json");
    if (Files.exists(failed)) {
      return new Unusable(
          "the last full check of table "
              + table
              + " (begun "
              + read(failed).startedAt()
              + ") found differences that no repair has fixed since: run nimo-repair, or a full check");
    }
    Path ok = file(table, ".json");
    if (!Files.exists(ok)) {
      return new Unusable(
          "table "
              + table
              + " has no usable epoch in "
              + dir.toAbsolutePath()
              + ": no full check of it has ended with no difference (a table added since, or none run yet):"
              + " run a full check");
    }
    return new Usable(read(ok));
  }

  /**
   * The pending epoch of the table, if a pass began one.
   *
   * @return the pending epoch
   */
  Optional<CheckEpoch> pending(String table) {
    Path p = file(table, ".pending.json");
    return Files.exists(p) ? Optional.of(read(p)) : Optional.empty();
  }

  private Path file(String table, String suffix) {
    return dir.resolve(table + suffix);
  }

  private void write(Path file, CheckEpoch epoch) {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      Files.write(tmp, MAPPER.writeValueAsBytes(toJson(epoch)));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file.toAbsolutePath(), e);
    }
  }

  private static CheckEpoch read(Path file) {
    try {
      return fromJson(MAPPER.readTree(file.toFile()));
    } catch (IOException | RuntimeException e) {
      throw new EpochUnusableException(
          "cannot read the check epoch "
              + file.toAbsolutePath()
              + " ("
              + e.getMessage()
              + "): run a full check");
    }
  }

  private static ObjectNode toJson(CheckEpoch e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("format_version", FORMAT_VERSION);
    n.put("table", e.table());
    n.put("stream_arn", e.streamArn());
    n.put("started_at", e.startedAt().toString());
    ArrayNode shards = n.putArray("shards");
    for (CheckEpoch.ShardPosition p : e.shards()) {
      ObjectNode s = shards.addObject();
      s.put("shard_id", p.shardId());
      s.put("parent_shard_id", p.parentShardId());
      s.put("last_sequence_number", p.lastSequenceNumber());
      s.put("closed", p.closed());
    }
    return n;
  }

  private static CheckEpoch fromJson(JsonNode n) {
    if (n.path("format_version").asInt() != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "format_version " + n.path("format_version") + " is not " + FORMAT_VERSION);
    }
    List<CheckEpoch.ShardPosition> shards = new ArrayList<>();
    for (JsonNode s : n.path("shards")) {
      shards.add(
          new CheckEpoch.ShardPosition(
              s.path("shard_id").asText(),
              text(s.get("parent_shard_id")),
              text(s.get("last_sequence_number")),
              s.path("closed").asBoolean()));
    }
    return new CheckEpoch(
        n.path("table").asText(),
        n.path("stream_arn").asText(),
        Instant.parse(n.path("started_at").asText()),
        shards);
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  private static void move(Path from, Path to) {
    try {
      if (Files.exists(from)) {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + from.toAbsolutePath() + " to " + to, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file.toAbsolutePath(), e);
    }
  }
}
