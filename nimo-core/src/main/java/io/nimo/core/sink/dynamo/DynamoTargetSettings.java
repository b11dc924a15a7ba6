package io.nimo.core.sink.dynamo;

import io.nimo.core.config.Concurrency;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.FullSyncOptions;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.TargetAccess;
import io.nimo.core.dynamo.DynamoCredentials;
import io.nimo.core.dynamo.ReadConsistency;
import java.time.Duration;

/**
 * How a DynamoDB-API target session is opened.
 *
 * @param target where the target is
 * @param credentials the target's credentials ({@code target.*} keys)
 * @param connections the HTTP connections the full sync's writers can use at once
 * @param tableActiveTimeout how long a created table may take to become ACTIVE
 * @param indexes whether the source's secondary indexes are created ({@code
 *     full.enable_index.user})
 */
record DynamoTargetSettings(
    TargetAccess target,
    DynamoCredentials credentials,
    int connections,
    Duration tableActiveTimeout,
    boolean indexes) {

  static DynamoTargetSettings from(Configuration c, int defaultWriters) {
    return new DynamoTargetSettings(
        TargetAccess.from(c),
        DynamoCredentials.target(c),
        Concurrency.from(c).fullSyncWriters(defaultWriters) + 8,
        c.get(ShakeOptions.TABLE_ACTIVE_TIMEOUT),
        c.get(FullSyncOptions.FULL_INDEX_USER));
  }

  /** What the target endpoint makes of per-request strong reads, by {@code target.type}. */
  ReadConsistency reads() {
    return ReadConsistency.forTargetType(target.type(), target.address());
  }
}
