package io.nimo.core.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CheckpointStore} over named JSON documents, the layout every built-in store shares:
 * {@code status_table} (format version, job id, phase, table lists), {@code full.<table>} (segment
 * progress) and {@code incr.<table>} (stream ARN and per-shard sequence numbers). A save rewrites
 * the one table document it touches, then the status document if the table lists changed.
 * Thread-safe.
 */
public class DocumentCheckpointStore implements CheckpointStore {
  /**
   * The document holding the job phase and the lists of tables ({@code status_table}, as the
   * original).
   */
  public static final String STATUS = "status_table";

  private final CheckpointDocuments docs;
  private JobState state;

  /**
   * A store over the given documents (read on {@link #load}).
   *
   * @param docs the documents
   */
  public DocumentCheckpointStore(CheckpointDocuments docs) {
    this.docs = docs;
  }

  @Override
  public synchronized JobState load(String jobId) {
    Optional<String> status = docs.read(STATUS);
    if (status.isEmpty()) {
      state = JobState.fresh(jobId);
      return state;
    }
    CheckpointJson.Status s = CheckpointJson.readStatus(status.get(), where(STATUS));
    if (!s.jobId().equals(jobId)) {
      throw new CheckpointException(
          "checkpoint "
              + docs.describe()
              + " belongs to job '"
              + s.jobId()
              + "', not '"
              + jobId
              + "'; use another checkpoint.db or id");
    }
    Map<String, TableCheckpoint> tables = new LinkedHashMap<>();
    for (String table : s.tables()) {
      docs.read(fullName(table))
          .ifPresent(
              json -> tables.put(table, CheckpointJson.readTable(json, where(fullName(table)))));
    }
    Map<String, StreamCheckpoint> streams = new LinkedHashMap<>();
    for (String table : s.streams()) {
      docs.read(incrName(table))
          .ifPresent(
              json -> streams.put(table, CheckpointJson.readStream(json, where(incrName(table)))));
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
    boolean listsChanged =
        !next.tables().keySet().equals(state.tables().keySet())
            || !next.streams().keySet().equals(state.streams().keySet());
    // a forgotten table's document stays behind, unreferenced: the status lists the tables to load
    delta
        .tableName()
        .filter(next.tables()::containsKey)
        .ifPresent(t -> docs.write(fullName(t), CheckpointJson.writeTable(next.tables().get(t))));
    delta
        .streamTable()
        .ifPresent(t -> docs.write(incrName(t), CheckpointJson.writeStream(next.streams().get(t))));
    if (listsChanged
        || delta instanceof JobState.Delta.PhaseChanged
        || docs.read(STATUS).isEmpty()) {
      docs.write(STATUS, CheckpointJson.writeStatus(next));
    }
    state = next;
  }

  @Override
  public String describe() {
    return docs.describe();
  }

  private String where(String name) {
    return docs.describe() + " document " + name;
  }

  /** The document of a table's full-sync progress. */
  public static String fullName(String table) {
    return "full." + table;
  }

  /** The document of a table's stream positions. */
  public static String incrName(String table) {
    return "incr." + table;
  }
}
