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

  @Override
  public CheckpointStore open(Configuration c, io.nimo.core.retry.Timing timing) {
    String db = c.get(ShakeOptions.CHECKPOINT_DB);
    String name = db.isBlank() ? c.get(ShakeOptions.ID) + "-checkpoint" : db;
    String address = c.get(ShakeOptions.CHECKPOINT_ADDRESS);
    return new FileCheckpointStore(
        Path.of(address.isBlank() ? "checkpoint" : address).resolve(name));
  }
}
