package io.nimo.core.checkpoint.postgres;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.CheckpointStoreProvider;
import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.Secrets;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.TargetAccessOptions;
import io.nimo.core.postgres.PostgresEndpoint;
import io.nimo.core.postgres.PostgresErrorClassifier;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.Timing;

/**
 * {@code checkpoint.type = postgresql}: table {@code checkpoint.db} (default {@code
 * "<id>-checkpoint"}, in the public schema) in the database of {@code checkpoint.address} when that
 * is a JDBC URL, otherwise of the PostgreSQL target.
 */
public final class PostgresCheckpointStoreProvider implements CheckpointStoreProvider {

  @Override
  public String type() {
    return "postgresql";
  }

  @Override
  public void probe(Configuration c, java.time.Duration timeout) {
    String address = c.get(ShakeOptions.CHECKPOINT_ADDRESS);
    boolean own = address.startsWith("jdbc:");
    String url = own ? address : c.get(TargetAccessOptions.TARGET_ADDRESS);
    if (!url.startsWith("jdbc:postgresql://")) {
      return; // open() names the key
    }
    io.nimo.core.probe.ProbeFailure.attempt(
        (own ? ShakeOptions.CHECKPOINT_ADDRESS : TargetAccessOptions.TARGET_ADDRESS).key(),
        url,
        io.nimo.core.postgres.PostgresProbeClassifier::problem,
        () ->
            new PostgresEndpoint(
                    url,
                    own ? "" : c.get(TargetAccessOptions.TARGET_AK),
                    own ? "" : c.get(TargetAccessOptions.TARGET_SK),
                    1)
                .probe(timeout));
  }

  @Override
  public CheckpointStore open(Configuration c, Timing timing) {
    String address = c.get(ShakeOptions.CHECKPOINT_ADDRESS);
    String url =
        address.startsWith("jdbc:postgresql://")
            ? address
            : c.get(TargetAccessOptions.TARGET_ADDRESS);
    if (!url.startsWith("jdbc:postgresql://")) {
      throw new ConfigException(
          ShakeOptions.CHECKPOINT_ADDRESS.key(),
          "checkpoint.type = postgresql needs a JDBC URL here, or target.type = postgresql");
    }
    String name = io.nimo.core.checkpoint.CheckpointStores.name(c);
    // the target's account when the store lives in the target's database; a URL of its own
    // carries its own credentials
    boolean own = address.startsWith("jdbc:");
    PostgresEndpoint db =
        new PostgresEndpoint(
            url,
            own ? "" : c.get(TargetAccessOptions.TARGET_AK),
            own ? "" : c.get(TargetAccessOptions.TARGET_SK),
            1);
    Retrier retrier = Retrier.forConfig(c, new PostgresErrorClassifier(), timing);
    String table = "\"" + name.replace("\"", "\"\"") + "\"";
    return new PostgresCheckpointStore(
        new PostgresDocuments(
            db, table, retrier, Secrets.maskUrlCredentials(url) + " table " + name));
  }
}
