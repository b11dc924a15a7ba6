package io.nimo.backsync.config;

import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated settings of one backsync job: {@code application.yaml} keys plus the credentials
 * from the main arguments. Serializable, because the job graph carries it to the task managers;
 * {@link #toString()} never shows a secret.
 */
public final class BackSyncOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  private final HashMap<String, Object> values;
  private final String pgUser;
  private final String pgPassword;
  private final String accessKey;
  private final String secretKey;

  private BackSyncOptions(
      HashMap<String, Object> values,
      String pgUser,
      String pgPassword,
      String accessKey,
      String secretKey) {
    this.values = values;
    this.pgUser = pgUser;
    this.pgPassword = pgPassword;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * Validates the YAML keys and the arguments together; every problem names its key.
   *
   * @param yaml dotted key → text, as {@link YamlConfigReader} gives
   * @param args the main arguments
   * @return the options
   * @throws BackSyncConfigException on an unknown key, a bad value or a contradiction
   */
  public static BackSyncOptions of(Map<String, String> yaml, MainArgs args) {
    Map<String, BackSyncKey<?>> known = new HashMap<>();
    BackSyncKeys.all().forEach(k -> known.put(k.name(), k));
    List<String> unknown = new ArrayList<>();
    for (String k : yaml.keySet()) {
      if (!known.containsKey(k)) {
        unknown.add(k);
      }
    }
    if (!unknown.isEmpty()) {
      throw new BackSyncConfigException(
          "unknown key(s) " + unknown + " in application.yaml; known keys: " + known.keySet());
    }
    HashMap<String, Object> values = new HashMap<>();
    for (BackSyncKey<?> k : BackSyncKeys.all()) {
      values.put(k.name(), k.parse(yaml.getOrDefault(k.name(), k.defaultText())));
    }
    BackSyncOptions o =
        new BackSyncOptions(
            values,
            args.get("polardbusername"),
            args.get("polardbpassword"),
            args.get("dynamodbak"),
            args.get("dynamodbsk"));
    o.validate();
    return o;
  }

  private void validate() {
    if (get(BackSyncKeys.SOURCE_HOSTNAME).isEmpty()) {
      throw new BackSyncConfigException("source.hostname is required in application.yaml");
    }
    if (pgUser.isEmpty()) {
      throw new BackSyncConfigException("--polardbusername is required; " + MainArgs.usage());
    }
    if (accessKey.isEmpty() != secretKey.isEmpty()) {
      throw new BackSyncConfigException(
          "--dynamodbak and --dynamodbsk go together (or leave both out for the default AWS"
              + " credentials chain)");
    }
    String endpoint = get(BackSyncKeys.TARGET_ENDPOINT);
    if (get(BackSyncKeys.TARGET_REGION).isEmpty() && endpoint.isEmpty()) {
      throw new BackSyncConfigException("target.region is required (or set target.endpoint)");
    }
    if (!endpoint.isEmpty()) {
      URI uri;
      try {
        uri = URI.create(endpoint);
      } catch (IllegalArgumentException e) {
        throw new BackSyncConfigException("target.endpoint: not a URL: " + endpoint);
      }
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new BackSyncConfigException(
            "target.endpoint: expected http(s)://host[:port], got " + endpoint);
      }
    }
    if (!get(BackSyncKeys.FILTER_WHITE).isEmpty() && !get(BackSyncKeys.FILTER_BLACK).isEmpty()) {
      throw new BackSyncConfigException(
          "filter.whiteTableSet and filter.blackTableSet are both set; declare only one");
    }
    if (get(BackSyncKeys.FILTER_WHITE).contains(get(BackSyncKeys.ECHO_TABLE))) {
      throw new BackSyncConfigException(
          "filter.whiteTableSet names the echo marker table "
              + get(BackSyncKeys.ECHO_TABLE)
              + " (echo.markerTable); it is not a DynamoDB table");
    }
  }

  /**
   * A key's value.
   *
   * @param key the key
   * @param <T> its type
   * @return the value, or the default
   */
  @SuppressWarnings("unchecked")
  public <T> T get(BackSyncKey<T> key) {
    return (T) values.get(key.name());
  }

  /**
   * The PostgreSQL user ({@code --polardbusername}).
   *
   * @return the user
   */
  public String pgUser() {
    return pgUser;
  }

  /**
   * The PostgreSQL password ({@code --polardbpassword}).
   *
   * @return the password, maybe empty
   */
  public String pgPassword() {
    return pgPassword;
  }

  /**
   * The AWS access key id ({@code --dynamodbak}).
   *
   * @return the key, empty for the default credentials chain
   */
  public String accessKey() {
    return accessKey;
  }

  /**
   * The AWS secret key ({@code --dynamodbsk}).
   *
   * @return the secret, empty for the default credentials chain
   */
  public String secretKey() {
    return secretKey;
  }

  /**
   * The JDBC URL of the source database (no credentials in it).
   *
   * @return the URL
   */
  public String jdbcUrl() {
    return "jdbc:postgresql://"
        + get(BackSyncKeys.SOURCE_HOSTNAME)
        + ":"
        + get(BackSyncKeys.SOURCE_PORT)
        + "/"
        + get(BackSyncKeys.SOURCE_DATABASE);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    BackSyncKeys.all().forEach(k -> b.append(k.name()).append('=').append(get(k)).append(", "));
    return b.append("polardbusername=")
        .append(pgUser)
        .append(", polardbpassword=")
        .append(pgPassword.isEmpty() ? "" : "***")
        .append(", dynamodbak=")
        .append(accessKey.isEmpty() ? "" : "***")
        .append(", dynamodbsk=")
        .append(secretKey.isEmpty() ? "" : "***")
        .append('}')
        .toString();
  }
}
