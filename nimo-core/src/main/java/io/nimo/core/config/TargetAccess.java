package io.nimo.core.config;

/**
 * Where the target is and the account it is written with ({@code target.*} keys), read once.
 *
 * @param type the {@code target.type} as written (a provider name or alias)
 * @param address the {@code target.address}
 * @param region the {@code target.region} (DynamoDB-API targets)
 * @param user the {@code target.access_key_id} (a user name for PostgreSQL)
 * @param secret the {@code target.secret_access_key} (a password for PostgreSQL)
 */
public record TargetAccess(String type, String address, String region, String user, String secret) {

  /**
   * The target keys of a configuration.
   *
   * @param c a configuration that declares the target keys
   * @return the values
   */
  public static TargetAccess from(Configuration c) {
    return new TargetAccess(
        c.get(TargetAccessOptions.TARGET_TYPE),
        c.get(TargetAccessOptions.TARGET_ADDRESS),
        c.get(TargetAccessOptions.TARGET_REGION),
        c.get(TargetAccessOptions.TARGET_AK),
        c.get(TargetAccessOptions.TARGET_SK));
  }

  /** Never shows the secret, and masks credentials written into the address. */
  @Override
  public String toString() {
    return "TargetAccess[type="
        + type
        + ", address="
        + Secrets.maskUrlCredentials(address)
        + ", region="
        + region
        + ", user="
        + user
        + ", secret="
        + (secret.isEmpty() ? "" : "****")
        + "]";
  }
}
