package io.nimo.core.sink.mongo;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.FullSyncOptions;
import io.nimo.core.config.IncrSyncOptions;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.TargetAccess;
import io.nimo.core.config.TargetAccessOptions;
import io.nimo.core.mongo.MongoEndpoint;
import io.nimo.core.mongo.MongoErrorClassifier;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.Timing;
import io.nimo.core.sink.TargetProvider;
import io.nimo.core.sink.TargetSession;

/**
 * {@code target.type = mongodb}: a replica set or sharded cluster at {@code target.address} (a
 * MongoDB connection string), database {@code id}, one collection per table, documents in the
 * {@code convert.type} shape (default {@code exact}, lossless).
 */
public final class MongoTargetProvider implements TargetProvider {
  /** The largest batch one insertMany takes here (MongoDB itself splits at 100,000). */
  static final int MAX_BATCH = 100_000;

  @Override
  public String type() {
    return "mongodb";
  }

  @Override
  public void validate(Configuration c) {
    TargetAccessOptions.refuseUnused(
        c,
        "mongodb",
        "the account goes in target.address: mongodb://user:password@host:port",
        TargetAccessOptions.TARGET_AK,
        TargetAccessOptions.TARGET_SK,
        TargetAccessOptions.TARGET_PROFILE,
        TargetAccessOptions.TARGET_ROLE_ARN,
        TargetAccessOptions.TARGET_EXTERNAL_ID);
    String uri = c.get(TargetAccessOptions.TARGET_ADDRESS);
    if (!uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
      throw new ConfigException(
          TargetAccessOptions.TARGET_ADDRESS.key(),
          "target.type = mongodb needs a MongoDB connection string (mongodb://user:password@host:port or "
              + "mongodb+srv://...)");
    }
    try {
      new MongoEndpoint(uri, 1);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          TargetAccessOptions.TARGET_ADDRESS.key(),
          "is not a valid MongoDB connection string: "
              + io.nimo.core.config.Secrets.maskUrlCredentials(String.valueOf(e.getMessage())));
    }
    if (c.get(ShakeOptions.CONVERT_TYPE) == io.nimo.core.config.ConvertType.SAME) {
      throw new ConfigException(
          ShakeOptions.CONVERT_TYPE.key(),
          "same is for DynamoDB-API targets; MongoDB takes exact (lossless, the default), raw, change or mchange");
    }
    try {
      DocumentShape.from(c).converter();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(MongoOptions.CONVERT_ID.key(), e.getMessage());
    }
    for (var key :
        java.util.List.of(IncrSyncOptions.INCR_UPSERT, IncrSyncOptions.INCR_INSERT_ON_DUP)) {
      if (!c.get(key)) {
        throw new ConfigException(
            key.key(),
            "must be true: changes are applied as whole-document upserts by key, which is what makes a "
                + "replay after a restart safe");
      }
    }
    if (c.get(FullSyncOptions.FULL_WRITE_BATCH) > MAX_BATCH) {
      throw new ConfigException(
          FullSyncOptions.FULL_WRITE_BATCH.key(), "must be at most " + MAX_BATCH + " for MongoDB");
    }
  }

  /** 25 documents per insertMany costs a round trip each; 256 measured best on the benchmark. */
  @Override
  public int defaultBatchSize() {
    return 256;
  }

  @Override
  public void probe(Configuration c, java.time.Duration timeout) {
    String uri = TargetAccess.from(c).address();
    io.nimo.core.probe.ProbeFailure.attempt(
        TargetAccessOptions.TARGET_ADDRESS.key(),
        uri,
        io.nimo.core.mongo.MongoProbeClassifier::problem,
        () -> new MongoEndpoint(uri, 1).probe(timeout));
  }

  @Override
  public TargetSession open(Configuration c, Timing timing) {
    MongoEndpoint endpoint =
        new MongoEndpoint(TargetAccess.from(c).address(), MongoEndpoint.poolSize(c));
    Retrier retrier = Retrier.forConfig(c, new MongoErrorClassifier(), timing);
    return new MongoTargetSession(
        endpoint.connect(),
        DocumentShape.from(c).converter(),
        MongoTargetSettings.from(c),
        retrier);
  }
}
