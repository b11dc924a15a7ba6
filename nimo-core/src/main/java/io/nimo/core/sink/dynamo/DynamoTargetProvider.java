package io.nimo.core.sink.dynamo;

import static io.nimo.core.config.TargetAccessOptions.TARGET_ADDRESS;

import io.nimo.core.config.Addresses;
import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.FullSyncOptions;
import io.nimo.core.config.IncrSyncOptions;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.TargetAccess;
import io.nimo.core.config.TargetAccessOptions;
import io.nimo.core.dynamo.DynamoCredentials;
import io.nimo.core.dynamo.DynamoEndpoint;
import io.nimo.core.dynamo.DynamoErrorClassifier;
import io.nimo.core.dynamo.ReadConsistency;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.Timing;
import io.nimo.core.sink.TargetProvider;
import io.nimo.core.sink.TargetSession;
import java.time.Duration;
import java.util.Set;

/** {@code target.type = dynamodb} (aliases {@code polardb}, {@code aliyun_dynamo_proxy}). */
public final class DynamoTargetProvider implements TargetProvider {

  @Override
  public String type() {
    return "dynamodb";
  }

  @Override
  public Set<String> aliases() {
    return Set.of("polardb", "aliyun_dynamo_proxy");
  }

  /** Writes in flight hide the round trip to a remote endpoint (bench/latency-bench.sh). */
  @Override
  public int defaultWriters() {
    return 16;
  }

  @Override
  public void probe(Configuration c, Duration timeout) {
    TargetAccess target = TargetAccess.from(c);
    io.nimo.core.probe.ProbeFailure.attempt(
        TARGET_ADDRESS.key(),
        target.address(),
        io.nimo.core.dynamo.DynamoProbeClassifier::problem,
        () ->
            new DynamoEndpoint(
                    target.address(), target.region(), DynamoCredentials.target(c), 0, timeout, 1)
                .probe(timeout));
  }

  @Override
  public TargetSession open(Configuration c, Timing timing) {
    DynamoTargetSettings settings = DynamoTargetSettings.from(c, defaultWriters());
    DynamoEndpoint endpoint =
        new DynamoEndpoint(
            settings.target().address(),
            settings.target().region(),
            settings.credentials(),
            // no SDK retries: nimo's retrier sees every throttle, so the write rate adapts
            0,
            Duration.ofSeconds(30),
            settings.connections());
    Retrier retrier = Retrier.forConfig(c, new DynamoErrorClassifier(), timing);
    ReadConsistency reads = settings.reads();
    return new DynamoTargetSession(
        endpoint.buildApi(reads),
        retrier,
        settings.tableActiveTimeout(),
        settings.indexes(),
        reads);
  }

  /**
   * Keys of the guides that a DynamoDB-API target cannot honour are refused, never ignored: the
   * target writes are always upserts, keep items unchanged and cannot rename a table.
   */
  @Override
  public void validate(Configuration c) {
    Addresses.requireHttpUrl(TARGET_ADDRESS.key(), c.get(TARGET_ADDRESS));
    String upserts = "must be true for DynamoDB-API targets: their writes are always upserts";
    if (!c.get(IncrSyncOptions.INCR_UPSERT)) {
      throw new ConfigException(IncrSyncOptions.INCR_UPSERT.key(), upserts);
    }
    if (!c.get(IncrSyncOptions.INCR_INSERT_ON_DUP)) {
      throw new ConfigException(IncrSyncOptions.INCR_INSERT_ON_DUP.key(), upserts);
    }
    if (!c.get(FullSyncOptions.FULL_INSERT_ON_DUP)) {
      throw new ConfigException(
          FullSyncOptions.FULL_INSERT_ON_DUP.key(),
          "must be true for DynamoDB-API targets: BatchWriteItem always overwrites an item with the "
              + "same key");
    }
    if (c.get(TargetAccessOptions.TARGET_DB_EXIST) == io.nimo.core.config.ExistPolicy.RENAME) {
      throw new ConfigException(
          TargetAccessOptions.TARGET_DB_EXIST.key(),
          "rename is not possible on a DynamoDB-API target (DynamoDB cannot rename a table); use drop "
              + "to recreate it, or leave it empty to stop when the table exists");
    }
    if (c.get(FullSyncOptions.FULL_WRITE_BATCH) > DynamoBatchWriter.MAX_BATCH) {
      throw new ConfigException(
          FullSyncOptions.FULL_WRITE_BATCH.key(),
          "must be at most "
              + DynamoBatchWriter.MAX_BATCH
              + " for DynamoDB-API targets (BatchWriteItem's limit)");
    }
    io.nimo.core.config.ConvertType type = c.get(ShakeOptions.CONVERT_TYPE);
    if (type != io.nimo.core.config.ConvertType.DEFAULT
        && type != io.nimo.core.config.ConvertType.SAME
        && type != io.nimo.core.config.ConvertType.EXACT) {
      throw new ConfigException(
          ShakeOptions.CONVERT_TYPE.key(),
          "'"
              + type
              + "' is a MongoDB document shape; DynamoDB-API targets store items unchanged (leave it "
              + "empty or set same)");
    }
  }
}
