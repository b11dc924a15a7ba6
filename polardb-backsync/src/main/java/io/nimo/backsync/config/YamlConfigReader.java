package io.nimo.backsync.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code application.yaml} into dotted keys: nested maps become {@code source.slotName},
 * lists become comma-separated text, an empty value (the guide's {@code whiteTableSet:}) becomes
 * empty text.
 */
public final class YamlConfigReader {
  private YamlConfigReader() {}

  /**
   * Reads a file.
   *
   * @param file the YAML file
   * @return dotted key → value text
   */
  public static Map<String, String> read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new BackSyncConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
  }

  /**
   * Reads a classpath resource.
   *
   * @param in the stream
   * @param name the name for messages
   * @return dotted key → value text
   */
  public static Map<String, String> read(InputStream in, String name) {
    try {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
    } catch (IOException e) {
      throw new BackSyncConfigException("cannot read config " + name + ": " + e.getMessage());
    }
  }

  /**
   * Parses YAML text.
   *
   * @param yaml the text
   * @param name the name for messages
   * @return dotted key → value text
   */
  public static Map<String, String> parse(String yaml, String name) {
    Object root;
    try (Reader r = new StringReader(yaml)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
    } catch (YAMLException | IOException e) {
      throw new BackSyncConfigException(name + " is not valid YAML: " + e.getMessage());
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (root == null) {
      return out;
    }
    if (!(root instanceof Map)) {
      throw new BackSyncConfigException(name + ": expected a YAML mapping at the top");
    }
    flatten("", (Map<?, ?>) root, out);
    return out;
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = prefix + e.getKey();
      Object v = e.getValue();
      if (v instanceof Map) {
        flatten(key + ".", (Map<?, ?>) v, out);
      } else if (v instanceof List) {
        out.put(key, ((List<?>) v).stream().map(String::valueOf).collect(Collectors.joining(",")));
      } else {
        out.put(key, v == null ? "" : String.valueOf(v));
      }
    }
  }
}
