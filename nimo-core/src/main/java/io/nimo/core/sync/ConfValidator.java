package io.nimo.core.sync;

import io.nimo.core.checkpoint.CheckpointStores;
import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeRules;
import io.nimo.core.sink.TargetProviders;

/**
 * Everything about a configuration that can be judged without a network call, judged at once, so a
 * mistake is reported as a configuration error (exit 2) naming the key, before anything is
 * contacted: the rules spanning several keys, the target type and its provider's own keys (those of
 * other target types left at their defaults), and the checkpoint type and its store's keys. Each
 * single key's type, range and choices were checked when the file was loaded.
 */
public final class ConfValidator {
  private ConfValidator() {}

  /**
   * Checks a nimo-shake configuration (nimo-shake, and the Flink job over the same file).
   *
   * @throws ConfigException naming the key
   */
  public static void sync(Configuration c) {
    ShakeRules.validate(c);
    TargetProviders.validated(c);
    CheckpointStores.validated(c);
  }

  /**
   * Checks the nimo-shake configuration a check or repair runs on (no checkpoint store).
   *
   * @throws ConfigException naming the key
   */
  public static void check(Configuration shakeConf) {
    ShakeRules.validateShared(shakeConf);
    TargetProviders.validated(shakeConf);
  }
}
