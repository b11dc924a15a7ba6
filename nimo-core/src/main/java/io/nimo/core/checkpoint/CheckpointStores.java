package io.nimo.core.checkpoint;

import io.nimo.core.config.CheckpointAccess;
import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link CheckpointStoreProvider} named by {@code checkpoint.type}. */
public final class CheckpointStores {
  private CheckpointStores() {}

  /**
   * The provider named by {@code checkpoint.type} (built-in or found by ServiceLoader); no I/O.
   *
   * @param type the {@code checkpoint.type} value
   * @return the provider
   * @throws ConfigException naming the key and the available types when there is none
   */
  public static CheckpointStoreProvider forType(String type) {
    List<String> known = new ArrayList<>();
    for (CheckpointStoreProvider p : ServiceLoader.load(CheckpointStoreProvider.class)) {
      if (p.type().equalsIgnoreCase(type)) {
        return p;
      }
      known.add(p.type());
    }
    throw new ConfigException(
        ShakeOptions.CHECKPOINT_TYPE.key(),
        "unknown checkpoint type '" + type + "'; available: " + known);
  }

  /**
   * The provider {@code checkpoint.type} names, after its own checks; no I/O.
   *
   * @throws ConfigException naming the key and the available types, or the key its checks refuse
   */
  public static CheckpointStoreProvider validated(Configuration config) {
    CheckpointStoreProvider p = forType(CheckpointAccess.from(config).type());
    p.validate(config);
    return p;
  }

  /**
   * Opens the store named by {@code checkpoint.type} (built-in or found by ServiceLoader).
   *
   * @param timing the clock and sleeper the store's retries must use
   * @return the store
   */
  public static CheckpointStore open(Configuration config, io.nimo.core.retry.Timing timing) {
    return forType(CheckpointAccess.from(config).type()).open(config, timing);
  }
}
