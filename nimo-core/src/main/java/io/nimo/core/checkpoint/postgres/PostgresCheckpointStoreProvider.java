package io.nimo.core.checkpoint.postgres;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.CheckpointStoreProvider;
import io.nimo.core.config.CheckpointAccess;
import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.Secrets;
import io.nimo.core.config.ShakeOptions;
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

  /** A URL of its own carries its own credentials; in the target's database, the target's. */
  private static CheckpointAccess.Location location(CheckpointAccess a) {
    return a.location(address -> address.startsWith("jdbc:"));
  }

  @Override
  public void probe(Configuration c, java.time.Duration timeout) {
    CheckpointAccess.Location at = location(CheckpointAccess.from(c));
    io.nimo.core.probe.ProbeFailure.attempt(
        at.key(),
        at.address(),
        io.nimo.core.postgres.PostgresProbeClassifier::problem,
        () -> new PostgresEndpoint(at.address(), at.user(), at.secret(), 1).probe(timeout));
  }

  @Override
  public void validate(Configuration c) {
    if (!location(CheckpointAccess.from(c)).address().startsWith("jdbc:postgresql://")) {
      throw new ConfigException(
          ShakeOptions.CHECKPOINT_ADDRESS.key(),
          "checkpoint.type = postgresql needs a JDBC URL here, or target.type = postgresql");
    }
  }

  @Override
  public CheckpointStore open(Configuration c, Timing timing) {
    validate(c);
    CheckpointAccess access = CheckpointAccess.from(c);
    CheckpointAccess.Location at = location(access);
    PostgresEndpoint db = new PostgresEndpoint(at.address(), at.user(), at.secret(), 1);
    Retrier retrier = Retrier.forConfig(c, new PostgresErrorClassifier(), timing);
    String table = "\"" + access.name().replace("\"", "\"\"") + "\"";
    return new PostgresCheckpointStore(
        new PostgresDocuments(
            db,
            table,
            retrier,
            Secrets.maskUrlCredentials(at.address()) + " table " + access.name()));
  }
}
