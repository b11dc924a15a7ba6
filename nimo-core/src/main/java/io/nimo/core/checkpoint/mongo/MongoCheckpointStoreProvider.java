package io.nimo.core.checkpoint.mongo;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.CheckpointStoreProvider;
import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.Secrets;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.TargetAccessOptions;
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

  @Override
  public void probe(Configuration c, java.time.Duration timeout) {
    String address = c.get(ShakeOptions.CHECKPOINT_ADDRESS);
    boolean own = address.startsWith("mongodb");
    String uri = own ? address : c.get(TargetAccessOptions.TARGET_ADDRESS);
    if (!uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
      return; // open() names the key
    }
    io.nimo.core.probe.ProbeFailure.attempt(
        (own ? ShakeOptions.CHECKPOINT_ADDRESS : TargetAccessOptions.TARGET_ADDRESS).key(),
        uri,
        io.nimo.core.mongo.MongoProbeClassifier::problem,
        () -> new MongoEndpoint(uri, 1).probe(timeout));
  }

  @Override
  public CheckpointStore open(Configuration c, Timing timing) {
    String address = c.get(ShakeOptions.CHECKPOINT_ADDRESS);
    String uri =
        address.startsWith("mongodb") ? address : c.get(TargetAccessOptions.TARGET_ADDRESS);
    if (!uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
      throw new ConfigException(
          ShakeOptions.CHECKPOINT_ADDRESS.key(),
          "checkpoint.type = mongodb needs a MongoDB connection string here, or target.type = mongodb");
    }
    String db = io.nimo.core.checkpoint.CheckpointStores.name(c);
    Retrier retrier = Retrier.forConfig(c, new MongoErrorClassifier(), timing);
    return new MongoCheckpointStore(
        new MongoEndpoint(uri, MongoEndpoint.poolSize(c)).connect(),
        db,
        retrier,
        Secrets.maskUrlCredentials(uri) + " database " + db);
  }
}
