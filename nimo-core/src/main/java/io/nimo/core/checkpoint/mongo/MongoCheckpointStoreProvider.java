package io.nimo.core.checkpoint.mongo;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.CheckpointStoreProvider;
import io.nimo.core.config.CheckpointAccess;
import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.Secrets;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.mongo.MongoEndpoint;
import io.nimo.core.mongo.MongoErrorClassifier;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.Timing;

/**
 * {@code checkpoint.type = mongodb}: database {@code checkpoint.db} (default {@code
 * <id>-checkpoint}) on {@code checkpoint.address} when that is a MongoDB connection string,
 * otherwise on the MongoDB target itself.
 */
public final class MongoCheckpointStoreProvider implements CheckpointStoreProvider {

  @Override
  public String type() {
    return "mongodb";
  }

  private static CheckpointAccess.Location location(CheckpointAccess a) {
    return a.location(address -> address.startsWith("mongodb"));
  }

  private static boolean isMongoUri(String uri) {
    return uri.startsWith("mongodb://") || uri.startsWith("mongodb+srv://");
  }

  @Override
  public void probe(Configuration c, java.time.Duration timeout) {
    CheckpointAccess.Location at = location(CheckpointAccess.from(c));
    io.nimo.core.probe.ProbeFailure.attempt(
        at.key(),
        at.address(),
        io.nimo.core.mongo.MongoProbeClassifier::problem,
        () -> new MongoEndpoint(at.address(), 1).probe(timeout));
  }

  @Override
  public void validate(Configuration c) {
    if (!isMongoUri(location(CheckpointAccess.from(c)).address())) {
      throw new ConfigException(
          ShakeOptions.CHECKPOINT_ADDRESS.key(),
          "checkpoint.type = mongodb needs a MongoDB connection string here, or target.type = mongodb");
    }
  }

  @Override
  public CheckpointStore open(Configuration c, Timing timing) {
    validate(c);
    CheckpointAccess access = CheckpointAccess.from(c);
    String uri = location(access).address();
    Retrier retrier = Retrier.forConfig(c, new MongoErrorClassifier(), timing);
    return new MongoCheckpointStore(
        new MongoEndpoint(uri, MongoEndpoint.poolSize(c)).connect(),
        access.name(),
        retrier,
        Secrets.maskUrlCredentials(uri) + " database " + access.name());
  }
}
