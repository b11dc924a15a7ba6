package io.nimo.core.sink.dynamo;

import static io.nimo.core.config.ShakeOptions.FULL_CONCURRENCY;
import static io.nimo.core.config.ShakeOptions.FULL_DOC_CONCURRENCY;
import static io.nimo.core.config.ShakeOptions.FULL_INDEX_USER;
import static io.nimo.core.config.ShakeOptions.RETRY_BUDGET;
import static io.nimo.core.config.ShakeOptions.RETRY_MAX_BACKOFF;
import static io.nimo.core.config.ShakeOptions.TABLE_ACTIVE_TIMEOUT;
import static io.nimo.core.config.ShakeOptions.TARGET_ADDRESS;
import static io.nimo.core.config.ShakeOptions.TARGET_REGION;

import io.nimo.core.config.Configuration;
import io.nimo.core.dynamo.DynamoCredentials;
import io.nimo.core.dynamo.DynamoEndpoint;
import io.nimo.core.dynamo.DynamoErrorClassifier;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.RetryPolicy;
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

  @Override
  public TargetSession open(Configuration c, Timing timing) {
    DynamoEndpoint endpoint =
        new DynamoEndpoint(
            c.get(TARGET_ADDRESS),
            c.get(TARGET_REGION),
            DynamoCredentials.target(c),
            2,
            Duration.ofSeconds(30),
            c.get(FULL_CONCURRENCY) * c.get(FULL_DOC_CONCURRENCY) + 8);
    Retrier retrier =
        new Retrier(
            RetryPolicy.of(c.get(RETRY_MAX_BACKOFF), c.get(RETRY_BUDGET)),
            new DynamoErrorClassifier(),
            timing.clock(),
            timing.sleeper());
    return new DynamoTargetSession(
        endpoint.buildApi(), retrier, c.get(TABLE_ACTIVE_TIMEOUT), c.get(FULL_INDEX_USER));
  }
}
