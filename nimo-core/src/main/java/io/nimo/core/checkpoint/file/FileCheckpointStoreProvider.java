package io.nimo.core.checkpoint.file;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.CheckpointStoreProvider;
import io.nimo.core.config.CheckpointAccess;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import java.nio.file.Path;

/**
 * {@code checkpoint.type = file}: {@code <checkpoint.address>/<checkpoint.db or id-checkpoint>/}.
 */
public final class FileCheckpointStoreProvider implements CheckpointStoreProvider {

  @Override
  public String type() {
    return "file";
  }

  private static Path folder(CheckpointAccess a) {
    return Path.of(a.address().isBlank() ? "checkpoint" : a.address());
  }

  @Override
  public void probe(Configuration c, java.time.Duration timeout) {
    Path folder = folder(CheckpointAccess.from(c));
    io.nimo.core.probe.ProbeFailure.attempt(
        ShakeOptions.CHECKPOINT_ADDRESS.key(),
        folder.toString(),
        e -> io.nimo.core.probe.Problem.ERROR,
        () -> {
          java.nio.file.Files.createDirectories(folder);
          if (!java.nio.file.Files.isWritable(folder)) {
            throw new java.io.IOException("the folder is not writable");
          }
        });
  }

  @Override
  public CheckpointStore open(Configuration c, io.nimo.core.retry.Timing timing) {
    CheckpointAccess access = CheckpointAccess.from(c);
    return new FileCheckpointStore(folder(access).resolve(access.name()));
  }
}
