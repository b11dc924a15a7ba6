package io.nimo.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.convert.DisabledListDelimiterHandler;
import org.apache.commons.configuration2.ex.ConfigurationException;

/**
 * Loads a {@code key = value} conf file (the original NimoShake format: {@code #} comment lines,
 * one key per line). Values may reference environment variables as {@code ${env:NAME}} so that
 * secrets need not be written into the file.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Loads a conf file and checks it against the declared options (unknown keys are errors).
   *
   * @param declared the declared options
   * @return the checked configuration
   */
  public static Configuration load(Path file, List<ConfigOption<?>> declared) {
    return Configuration.of(declared, readRaw(file));
  }

  /**
   * Loads and validates a conf file that may also hold another tool's keys (see {@link
   * Configuration#of(List, Map, List)}).
   *
   * @param declared the keys this tool reads
   * @param tolerated keys of other tools, accepted and reported as unused
   * @return the checked configuration
   */
  public static Configuration load(
      Path file, List<ConfigOption<?>> declared, List<ConfigOption<?>> tolerated) {
    return Configuration.of(declared, readRaw(file), tolerated);
  }

  /**
   * Reads the raw key/value pairs, rejecting lines without {@code =} and duplicate keys.
   *
   * @return the raw key/value pairs, rejecting lines without {@code =} and duplicate keys
   */
  public static Map<String, String> readRaw(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(null, "config file not found: " + file);
    } catch (IOException e) {
      throw new ConfigException(null, "cannot read config file " + file + ": " + e.getMessage());
    }
    checkLines(file, text);
    PropertiesConfiguration props = new PropertiesConfiguration();
    props.setListDelimiterHandler(DisabledListDelimiterHandler.INSTANCE);
    try {
      props.read(new java.io.StringReader(text));
    } catch (ConfigurationException | IOException e) {
      throw new ConfigException(null, "cannot parse config file " + file + ": " + e.getMessage());
    }
    Map<String, String> raw = new LinkedHashMap<>();
    for (Iterator<String> it = props.getKeys(); it.hasNext(); ) {
      String key = it.next();
      String value;
      try {
        value = props.getString(key);
      } catch (RuntimeException e) {
        throw new ConfigException(key, "cannot resolve value: " + e.getMessage());
      }
      raw.put(key, value == null ? "" : value.trim());
    }
    return raw;
  }

  private static void checkLines(Path file, String text) {
    Map<String, Integer> seen = new LinkedHashMap<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(
            null, file + " line " + (i + 1) + ": expected 'key = value' but got '" + line + "'");
      }
      String key = line.substring(0, eq).trim();
      Integer previous = seen.put(key, i + 1);
      if (previous != null) {
        throw new ConfigException(
            key, "set twice in " + file + " (lines " + previous + " and " + (i + 1) + ")");
      }
    }
  }
}
