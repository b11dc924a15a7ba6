package io.nimo.core.checkpoint.file;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.CheckpointStoreProvider;
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

  private static Path folder(Configuration c) {
    String address = c.get(ShakeOptions.CHECKPOINT_ADDRESS);
    return Path.of(address.isBlank() ? "checkpoint" : address);
  }

  @Override
  public void probe(Configuration c, java.time.Duration timeout) {
    Path folder = folder(c);
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
    String db = c.get(ShakeOptions.CHECKPOINT_DB);
    String name = db.isBlank() ? c.get(ShakeOptions.ID) + "-checkpoint" : db;
    return new FileCheckpointStore(folder(c).resolve(name));
  }
}
