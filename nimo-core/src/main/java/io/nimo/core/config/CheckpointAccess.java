package io.nimo.core.config;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where the checkpoint store is ({@code checkpoint.*} keys), read once. A database-backed store
 * lives at {@code checkpoint.address} when that is an address of its own kind, else in the target.
 *
 * @param type the {@code checkpoint.type}
 * @param address the {@code checkpoint.address} as written (a folder, a URL, or empty)
 * @param name the store's database, table or collection: {@code checkpoint.db}, or {@code
 *     <id>-checkpoint}
 * @param target the target, whose address and account a store without its own address uses
 */
public record CheckpointAccess(String type, String address, String name, TargetAccess target) {

  /**
   * Where a store connects, and under which key an operator sets it.
   *
   * @param key the key to name in errors: {@code checkpoint.address} or {@code target.address}
   * @param address the URL
   * @param user the account's user, empty when the URL carries its own
   * @param secret the account's secret, empty when the URL carries its own
   */
  public record Location(String key, String address, String user, String secret) {
    /** Never shows the secret. */
    @Override
    public String toString() {
      return key + "=" + Secrets.maskUrlCredentials(address);
    }
  }

  /**
   * The checkpoint keys of a configuration, when it declares them.
   *
   * @param c a configuration
   * @return the values, or empty for a tool without a checkpoint
   */
  public static Optional<CheckpointAccess> of(Configuration c) {
    if (!c.declared().contains(ShakeOptions.CHECKPOINT_TYPE)) {
      return Optional.empty();
    }
    String db = c.get(ShakeOptions.CHECKPOINT_DB);
    return Optional.of(
        new CheckpointAccess(
            c.get(ShakeOptions.CHECKPOINT_TYPE),
            c.get(ShakeOptions.CHECKPOINT_ADDRESS),
            db.isBlank() ? c.get(ShakeOptions.ID) + "-checkpoint" : db,
            TargetAccess.from(c)));
  }

  /**
   * The checkpoint keys of a configuration that must declare them.
   *
   * @param c a configuration of a tool with a checkpoint
   * @return the values
   */
  public static CheckpointAccess from(Configuration c) {
    return of(c)
        .orElseThrow(
            () -> new IllegalStateException("this tool's configuration declares no checkpoint"));
  }

  /**
   * {@code checkpoint.address} when it is the store's own (with the account its URL carries), else
   * the target's address and account.
   *
   * @param own whether an address is of the store's own kind
   * @return where the store connects
   */
  public Location location(Predicate<String> own) {
    return own.test(address)
        ? new Location(ShakeOptions.CHECKPOINT_ADDRESS.key(), address, "", "")
        : new Location(
            TargetAccessOptions.TARGET_ADDRESS.key(),
            target.address(),
            target.user(),
            target.secret());
  }
}
