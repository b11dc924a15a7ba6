package io.nimo.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The config keys one target type adds to the tools (e.g. {@code target.mongodb.type} for MongoDB).
 * Implementations are found with {@link ServiceLoader} (listed in {@code
 * META-INF/services/io.nimo.core.config.TargetOptions}), so a target brings its own keys: they are
 * declared, rendered into the shipped conf files and shown by {@code --help} like the core keys,
 * and a value other than the default is refused when another target type is configured (never
 * accepted and ignored).
 */
public interface TargetOptions {

  /**
   * The {@code target.type} these keys belong to.
   *
   * @return e.g. {@code mongodb}
   */
  String targetType();

  /**
   * The keys, in the order the conf files list them.
   *
   * @return the keys
   */
  List<ConfigOption<?>> options();

  /**
   * Every target's keys found on the class path, in a stable order.
   *
   * @return the keys
   */
  static List<ConfigOption<?>> all() {
    List<TargetOptions> found = new ArrayList<>();
    ServiceLoader.load(TargetOptions.class).forEach(found::add);
    found.sort(java.util.Comparator.comparing(TargetOptions::targetType));
    List<ConfigOption<?>> out = new ArrayList<>();
    found.forEach(t -> out.addAll(t.options()));
    return out;
  }

  /**
   * Refuses keys of other target types set to something other than their default.
   *
   * @param targetType the configured target's type (its canonical name)
   * @throws ConfigException naming the key
   */
  static void refuseForeign(Configuration c, String targetType) {
    for (TargetOptions t : ServiceLoader.load(TargetOptions.class)) {
      if (t.targetType().equalsIgnoreCase(targetType)) {
        continue;
      }
      for (ConfigOption<?> o : t.options()) {
        if (!c.declared().contains(o)) {
          continue;
        }
        Object value = c.get(o);
        boolean unset = value == null || value.equals(o.defaultValue()) || "".equals(value);
        if (!unset) {
          throw new ConfigException(
              o.key(),
              "applies to target.type = "
                  + t.targetType()
                  + " only; remove it (or keep its default "
                  + o.defaultText()
                  + ") for target.type = "
                  + targetType.toLowerCase(Locale.ROOT));
        }
      }
    }
  }
}
