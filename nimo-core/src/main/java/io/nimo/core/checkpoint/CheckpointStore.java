package io.nimo.core.checkpoint;

/**
 * Where a job's progress survives a crash. One store serves one job; calls come from the job's
 * coordinating and checkpoint-flusher threads, so implementations must be thread-safe.
 *
 * <p>{@link #save} is atomic: after a crash at any moment, {@link #load} returns either the state
 * before or after that call, never a mix or a corrupt file.
 */
public interface CheckpointStore extends AutoCloseable {

  /**
   * The persisted state, or {@link JobState#fresh} when nothing was saved yet.
   *
   * @throws CheckpointException when the stored data is unreadable or of an unknown format version
   * @param jobId the job id ({@code id})
   */
  JobState load(String jobId);

  /**
   * Applies and persists one change atomically.
   *
   * @param delta the change
   */
  void save(JobState.Delta delta);

  /** A human-readable location for logs, e.g. the directory. Never contains credentials. */
  String describe();

  @Override
  default void close() {}
}
