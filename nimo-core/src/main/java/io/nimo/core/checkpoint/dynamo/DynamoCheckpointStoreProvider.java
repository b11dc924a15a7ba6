package io.nimo.core.checkpoint.dynamo;

import static io.nimo.core.config.ShakeOptions.CHECKPOINT_ADDRESS;
import static io.nimo.core.config.TargetAccessOptions.TARGET_ADDRESS;
import static io.nimo.core.config.TargetAccessOptions.TARGET_REGION;

import io.nimo.core.checkpoint.CheckpointStore;
import io.nimo.core.checkpoint.CheckpointStoreProvider;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.Secrets;
import io.nimo.core.dynamo.DynamoCredentials;
import io.nimo.core.dynamo.DynamoEndpoint;
import io.nimo.core.dynamo.DynamoErrorClassifier;
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

  private static boolean own(Configuration c) {
    return c.get(CHECKPOINT_ADDRESS).matches("https?://.+");
  }

  @Override
  public void probe(Configuration c, Duration timeout) {
    String address = own(c) ? c.get(CHECKPOINT_ADDRESS) : c.get(TARGET_ADDRESS);
    io.nimo.core.probe.ProbeFailure.attempt(
        (own(c) ? CHECKPOINT_ADDRESS : TARGET_ADDRESS).key(),
        address,
        io.nimo.core.dynamo.DynamoProbeClassifier::problem,
        () ->
            new DynamoEndpoint(
                    address, c.get(TARGET_REGION), DynamoCredentials.target(c), 0, timeout, 1)
                .probe(timeout));
  }

  @Override
  public CheckpointStore open(Configuration c, Timing timing) {
    String address = own(c) ? c.get(CHECKPOINT_ADDRESS) : c.get(TARGET_ADDRESS);
    String table = io.nimo.core.checkpoint.CheckpointStores.name(c);
    DynamoEndpoint endpoint =
        new DynamoEndpoint(
            address,
            c.get(TARGET_REGION),
            DynamoCredentials.target(c),
            2,
            Duration.ofSeconds(30),
            8);
    Retrier retrier = Retrier.forConfig(c, new DynamoErrorClassifier(), timing);
    return new DynamoCheckpointStore(
        endpoint.buildApi(), retrier, table, Secrets.maskUrlCredentials(address));
  }
}
