package io.nimo.core.checkpoint.file;

import io.nimo.core.checkpoint.CheckpointException;
import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.JobState;
import io.nimo.core.checkpoint.StreamCheckpoint;
import io.nimo.core.checkpoint.TableCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checkpoints as JSON files in one directory: {@code status_table.json} holds the phase and the
 * table lists, {@code full.<table>.json} each table's segment progress, {@code incr.<table>.json}
 * each table's stream ARN and per-shard sequence numbers. Every write goes to a
 * temporary file that is flushed to disk and then renamed over the old one, so a crash leaves
 * either the old or the new file. Thread-safe.
 */
public final class FileCheckpointStore implements CheckpointStore {
  static final String STATUS_FILE = "status_table.json";

  private final Path dir;
  private JobState state;

  public FileCheckpointStore(Path dir) {
    this.dir = dir;
  }

  @Override
  public synchronized JobState load(String jobId) {
    Path status = dir.resolve(STATUS_FILE);
    if (!Files.exists(status)) {
      state = JobState.fresh(jobId);
      return state;
    }
    CheckpointJson.Status s = CheckpointJson.readStatus(read(status), status);
    if (!s.jobId().equals(jobId)) {
      throw new CheckpointException("checkpoint " + dir + " belongs to job '" + s.jobId() + "', not '" + jobId
          + "'; use another checkpoint.db or id");
    }
    Map<String, TableCheckpoint> tables = new LinkedHashMap<>();
    for (String table : s.tables()) {
      Path f = tableFile(table);
      if (Files.exists(f)) {
        tables.put(table, CheckpointJson.readTable(read(f), f));
      }
    }
    Map<String, StreamCheckpoint> streams = new LinkedHashMap<>();
    for (String table : s.streams()) {
      Path f = streamFile(table);
      if (Files.exists(f)) {
        streams.put(table, CheckpointJson.readStream(read(f), f));
      }
    }
    state = new JobState(JobState.FORMAT_VERSION, jobId, s.phase(), tables, streams);
    return state;
  }

  @Override
  public synchronized void save(JobState.Delta delta) {
    if (state == null) {
      throw new IllegalStateException("load() must be called before save()");
    }
    JobState next = state.apply(delta);
    boolean newTable = delta.tableName().isPresent() && !state.tables().containsKey(delta.tableName().get())
        || delta.streamTable().isPresent() && !state.streams().containsKey(delta.streamTable().get());
    delta.tableName().ifPresent(t -> write(tableFile(t), CheckpointJson.writeTable(next.tables().get(t))));
    delta.streamTable().ifPresent(t -> write(streamFile(t), CheckpointJson.writeStream(next.streams().get(t))));
    if (newTable || delta instanceof JobState.Delta.PhaseChanged || !Files.exists(dir.resolve(STATUS_FILE))) {
      write(dir.resolve(STATUS_FILE), CheckpointJson.writeStatus(next));
    }
    state = next;
  }

  @Override
  public String describe() {
    return dir.toAbsolutePath().normalize().toString();
  }

  Path tableFile(String table) {
    return dir.resolve("full." + table + ".json");
  }

  Path streamFile(String table) {
    return dir.resolve("incr." + table + ".json");
  }

  private String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CheckpointException("cannot read checkpoint file " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(Path file, String json) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CheckpointException("cannot write checkpoint file " + file + ": " + e.getMessage(), e);
    }
  }
}
