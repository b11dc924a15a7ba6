package io.nimo.core.checkpoint.dynamo;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.CheckpointStoreProvider;
import io.nimo.core.config.CheckpointAccess;
import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.Secrets;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.dynamo.DynamoCredentials;
import io.nimo.core.dynamo.DynamoEndpoint;
import io.nimo.core.dynamo.DynamoErrorClassifier;
import io.nimo.core.dynamo.ReadConsistency;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.Timing;
import java.time.Duration;

/**
 * {@code checkpoint.type = dynamodb}: table {@code checkpoint.db} (default {@code <id>-checkpoint})
 * on {@code checkpoint.address} when that is an http(s) URL, otherwise on the target endpoint, with
 * the target's credentials.
 */
public final class DynamoCheckpointStoreProvider implements CheckpointStoreProvider {

  @Override
  public String type() {
    return "dynamodb";
  }

  private static CheckpointAccess.Location location(CheckpointAccess a) {
    return a.location(address -> address.matches("https?://.+"));
  }

  @Override
  public void validate(Configuration c) {
    CheckpointAccess.Location at = location(CheckpointAccess.from(c));
    if (!at.address().isBlank() && !at.address().matches("https?://.+")) {
      throw new ConfigException(
          ShakeOptions.CHECKPOINT_ADDRESS.key(),
          "checkpoint.type = dynamodb needs a DynamoDB-API endpoint (http:// or https://) here, or a"
              + " DynamoDB-API target (target.type = dynamodb, polardb or aliyun_dynamo_proxy)");
    }
  }

  @Override
  public void probe(Configuration c, Duration timeout) {
    CheckpointAccess access = CheckpointAccess.from(c);
    CheckpointAccess.Location at = location(access);
    io.nimo.core.probe.ProbeFailure.attempt(
        at.key(),
        at.address(),
        io.nimo.core.dynamo.DynamoProbeClassifier::problem,
        () ->
            new DynamoEndpoint(
                    at.address(),
                    access.target().region(),
                    DynamoCredentials.target(c),
                    0,
                    timeout,
                    1)
                .probe(timeout));
  }

  @Override
  public CheckpointStore open(Configuration c, Timing timing) {
    validate(c);
    CheckpointAccess access = CheckpointAccess.from(c);
    String address = location(access).address();
    DynamoEndpoint endpoint =
        new DynamoEndpoint(
            address,
            access.target().region(),
            DynamoCredentials.target(c),
            2,
            Duration.ofSeconds(30),
            8);
    Retrier retrier = Retrier.forConfig(c, new DynamoErrorClassifier(), timing);
    return new DynamoCheckpointStore(
        endpoint.buildApi(ReadConsistency.forTargetType(access.target().type(), address)),
        retrier,
        access.name(),
        Secrets.maskUrlCredentials(address));
  }
}
