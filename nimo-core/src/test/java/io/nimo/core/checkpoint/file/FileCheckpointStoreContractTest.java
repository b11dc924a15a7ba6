package io.nimo.core.checkpoint.file;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.testkit.CheckpointStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreContractTest extends CheckpointStoreContract {
  @TempDir Path dir;

  @Override
  protected CheckpointStore openStore() {
    return new FileCheckpointStore(dir.resolve("job-checkpoint"));
  }
}
