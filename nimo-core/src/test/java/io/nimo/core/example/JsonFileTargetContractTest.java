package io.nimo.core.example;

import io.nimo.core.sink.TargetSession;
import io.nimo.core.testkit.TargetContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The example target passes the same contract as the built-in ones. */
class JsonFileTargetContractTest extends TargetContract {
  @TempDir Path dir;

  @Override
  protected TargetSession openSession() {
    return new JsonFileTargetSession(dir);
  }
}
