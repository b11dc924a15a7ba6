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
   * Reads the raw key/value pairs with their {@code ${env:NAME}} references resolved, rejecting
   * lines without {@code =} and duplicate keys.
   *
   * @return the key/value pairs
   */
  public static Map<String, String> readRaw(Path file) {
    return resolve(readUnresolved(file));
  }

  /**
   * Reads the raw key/value pairs as written, {@code ${env:NAME}} references left in place (a job
   * that travels to other hosts resolves them there, so no secret travels with it).
   *
   * @return the key/value pairs as written
   */
  public static Map<String, String> readUnresolved(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(null, "config file not found: " + file);
    } catch (IOException e) {
      throw new ConfigException(null, "cannot read config file " + file + ": " + e.getMessage());
    }
    return parse(file.toString(), text);
  }

  /**
   * Parses a conf file's text, references left in place.
   *
   * @param origin the file's name or address, for errors
   * @param text the text
   * @return the key/value pairs as written
   */
  public static Map<String, String> parse(String origin, String text) {
    checkLines(origin, text);
    PropertiesConfiguration props = properties();
    try {
      props.read(new java.io.StringReader(text));
    } catch (ConfigurationException | IOException e) {
      throw new ConfigException(null, "cannot parse config file " + origin + ": " + e.getMessage());
    }
    Map<String, String> raw = new LinkedHashMap<>();
    for (Iterator<String> it = props.getKeys(); it.hasNext(); ) {
      String key = it.next();
      Object value = props.getProperty(key);
      raw.put(key, value == null ? "" : value.toString().trim());
    }
    return raw;
  }

  /**
   * Resolves the {@code ${env:NAME}} references of key/value pairs where they are used.
   *
   * @param unresolved pairs as written
   * @return the pairs with their references replaced
   * @throws ConfigException naming the key whose variable is not set
   */
  public static Map<String, String> resolve(Map<String, String> unresolved) {
    PropertiesConfiguration props = properties();
    unresolved.forEach(props::addProperty);
    Map<String, String> raw = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : unresolved.entrySet()) {
      String key = e.getKey();
      String value;
      try {
        value = props.getString(key);
      } catch (RuntimeException ex) {
        throw new ConfigException(key, "cannot resolve value: " + ex.getMessage());
      }
      java.util.regex.Matcher left = ENV_REFERENCE.matcher(value == null ? "" : value);
      if (left.find()) {
        throw new ConfigException(
            key, "the environment variable " + left.group(1) + " it refers to is not set");
      }
      raw.put(key, value == null ? "" : value.trim());
    }
    return raw;
  }

  private static final java.util.regex.Pattern ENV_REFERENCE =
      java.util.regex.Pattern.compile("\\$\\{env:([^}]+)}");

  private static PropertiesConfiguration properties() {
    PropertiesConfiguration props = new PropertiesConfiguration();
    props.setListDelimiterHandler(DisabledListDelimiterHandler.INSTANCE);
    return props;
  }

  private static void checkLines(String file, String text) {
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
