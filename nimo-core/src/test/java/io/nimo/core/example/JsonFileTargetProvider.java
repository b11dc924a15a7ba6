package io.nimo.core.example;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.TargetAccessOptions;
import io.nimo.core.retry.Timing;
import io.nimo.core.sink.TargetProvider;
import io.nimo.core.sink.TargetSession;
import java.nio.file.Path;

/**
 * An example third-party target: {@code target.type = jsonfile}, {@code target.address = DIR}.
 * Registered in {@code META-INF/services/io.nimo.core.sink.TargetProvider}, exactly as an embedding
 * team would ship one in its own jar.
 */
public final class JsonFileTargetProvider implements TargetProvider {
  @Override
  public String type() {
    return "jsonfile";
  }

  @Override
  public TargetSession open(Configuration config, Timing timing) {
    return new JsonFileTargetSession(Path.of(config.get(TargetAccessOptions.TARGET_ADDRESS)));
  }
}
