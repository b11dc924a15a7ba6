package io.nimo.core.sink.postgres;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.TargetAccess;
import io.nimo.core.config.TargetAccessOptions;
import io.nimo.core.postgres.PostgresEndpoint;
import io.nimo.core.postgres.PostgresErrorClassifier;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.Timing;
import io.nimo.core.sink.TargetProvider;
import io.nimo.core.sink.TargetSession;

/**
 * {@code target.type = postgresql}: plain PostgreSQL at {@code target.address} (a JDBC URL; user
 * and password from {@code target.access_key_id} / {@code target.secret_access_key} or the URL),
 * one table per DynamoDB table in {@code target.postgresql.schema}.
 */
public final class PostgresTargetProvider implements TargetProvider {

  @Override
  public String type() {
    return "postgresql";
  }

  @Override
  public void validate(Configuration c) {
    TargetAccessOptions.refuseUnused(
        c,
        "postgresql",
        "the user and password go in target.access_key_id and target.secret_access_key",
        TargetAccessOptions.TARGET_PROFILE,
        TargetAccessOptions.TARGET_ROLE_ARN,
        TargetAccessOptions.TARGET_EXTERNAL_ID);
    if (!c.get(TargetAccessOptions.TARGET_ADDRESS).startsWith("jdbc:postgresql://")) {
      throw new ConfigException(
          TargetAccessOptions.TARGET_ADDRESS.key(),
          "target.type = postgresql needs a JDBC URL: jdbc:postgresql://host:5432/database");
    }
    io.nimo.core.config.ConvertType mode = c.get(ShakeOptions.CONVERT_TYPE);
    if (mode != io.nimo.core.config.ConvertType.DEFAULT
        && mode != io.nimo.core.config.ConvertType.EXACT) {
      throw new ConfigException(
          ShakeOptions.CONVERT_TYPE.key(),
          "the PostgreSQL target stores items as DynamoDB JSON (exact); leave it empty or set exact");
    }
  }

  @Override
  public int defaultBatchSize() {
    return 500;
  }

  @Override
  public void probe(Configuration c, java.time.Duration timeout) {
    TargetAccess target = TargetAccess.from(c);
    io.nimo.core.probe.ProbeFailure.attempt(
        TargetAccessOptions.TARGET_ADDRESS.key(),
        target.address(),
        io.nimo.core.postgres.PostgresProbeClassifier::problem,
        () ->
            new PostgresEndpoint(target.address(), target.user(), target.secret(), 1)
                .probe(timeout));
  }

  @Override
  public TargetSession open(Configuration c, Timing timing) {
    PostgresTargetSettings s = PostgresTargetSettings.from(c, defaultWriters());
    Retrier retrier = Retrier.forConfig(c, new PostgresErrorClassifier(), timing);
    return new PostgresTargetSession(
        new PostgresEndpoint(
            s.target().address(), s.target().user(), s.target().secret(), s.connections()),
        s.schema(),
        s.itemColumn(),
        new EchoMarker(s.schema(), s.echoTable()),
        retrier);
  }
}
