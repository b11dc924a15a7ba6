package io.nimo.core.sink;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.TargetAccessOptions;
import io.nimo.core.config.TargetOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** Finds the {@link TargetProvider} for a {@code target.type} through {@link ServiceLoader}. */
public final class TargetProviders {
  private TargetProviders() {}

  /**
   * The provider {@code target.type} names, after its checks: keys of other target types left at
   * their defaults ({@link TargetOptions#refuseForeign}) and the provider's own {@link
   * TargetProvider#validate}. No I/O.
   *
   * @return the provider
   * @throws ConfigException naming the key
   */
  public static TargetProvider validated(Configuration config) {
    TargetProvider p = forType(io.nimo.core.config.TargetAccess.from(config).type());
    TargetOptions.refuseForeign(config, p.type());
    p.validate(config);
    return p;
  }

  /**
   * The provider for a {@code target.type} (built-in or found by ServiceLoader); an unknown type
   * names the known ones.
   *
   * @param type the type name
   */
  public static TargetProvider forType(String type) {
    String wanted = type.toLowerCase(Locale.ROOT);
    List<String> known = new ArrayList<>();
    for (TargetProvider p : ServiceLoader.load(TargetProvider.class)) {
      if (p.type().equals(wanted) || p.aliases().contains(wanted)) {
        return p;
      }
      known.add(p.type());
      known.addAll(p.aliases());
    }
    throw new ConfigException(
        TargetAccessOptions.TARGET_TYPE.key(),
        "unknown target type '" + type + "'; available: " + known.stream().sorted().toList());
  }
}
