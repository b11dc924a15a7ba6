package io.nimo.flink;

import io.nimo.core.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * That this job's target tables were prepared, recorded next to its checkpoints. In application
 * mode under high availability (the Kubernetes operator, managed Flink) main() runs again after a
 * JobManager failover or a last-state upgrade, with a fixed job id and no savepoint path: without
 * this record it would prepare the tables again, and {@code target.db.exist = drop} would wipe what
 * the recovered job already copied. A job without a fixed id (submitted to a session cluster) runs
 * main() once and needs no record.
 *
 * @param file where the record is, or empty when main() runs once per job
 */
record PreparationMarker(Optional<Path> file) {

  /**
   * The record of the job this configuration runs.
   *
   * @param flink the environment's configuration
   * @param syncId the conf's {@code id}
   * @return the record's place
   * @throws ConfigException when main() may run again but no checkpoint folder is set
   */
  static PreparationMarker of(ReadableConfig flink, String syncId) {
    Optional<String> jobId = flink.getOptional(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID);
    if (jobId.isEmpty()) {
      return new PreparationMarker(Optional.empty());
    }
    String folder =
        flink
            .getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)
            .or(() -> flink.getOptional(HighAvailabilityOptions.HA_STORAGE_PATH))
            .orElseThrow(
                () ->
                    new ConfigException(
                        CheckpointingOptions.CHECKPOINTS_DIRECTORY.key(),
                        "this job runs with a fixed job id (application mode under high"
                            + " availability), so main() runs again after a failover: set"
                            + " execution.checkpointing.dir to shared storage so that the job"
                            + " can record that its target tables were prepared"));
    String cluster =
        flink.get(HighAvailabilityOptions.HA_CLUSTER_ID).replaceAll("[^A-Za-z0-9_.-]", "_");
    return new PreparationMarker(
        Optional.of(
            new Path(
                folder
                    + "/nimo-prepared/"
                    + cluster
                    + "-"
                    + jobId.get()
                    + "-"
                    + syncId
                    + ".done")));
  }

  /** Whether an earlier run of this job prepared the tables. */
  boolean recorded() throws IOException {
    if (file.isEmpty()) {
      return false;
    }
    return file.get().getFileSystem().exists(file.get());
  }

  /** Records that the tables are prepared (before the job is submitted). */
  void record() throws IOException {
    if (file.isEmpty()) {
      return;
    }
    FileSystem fs = file.get().getFileSystem();
    try (OutputStream out = fs.create(file.get(), FileSystem.WriteMode.OVERWRITE)) {
      out.write(("prepared at " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
