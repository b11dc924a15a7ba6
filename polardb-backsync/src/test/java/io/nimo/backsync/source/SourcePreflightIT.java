package io.nimo.backsync.source;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.backsync.config.BackSyncConfigException;
import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.backsync.config.MainArgs;
import io.nimo.core.testkit.PostgresLocal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A setup that would lose changes silently is refused before the job starts. */
class SourcePreflightIT {
  static BackSyncOptions options(PostgresLocal pg, String mode) {
    Map<String, String> y = new LinkedHashMap<>();
    y.put("source.hostname", "127.0.0.1");
    y.put("source.port", String.valueOf(pg.port()));
    y.put("source.database", "postgres");
    y.put("target.region", "us-east-1");
    y.put("snapshot.mode", mode);
    return BackSyncOptions.of(y, MainArgs.parse(new String[] {"--polardbusername", "postgres"}));
  }

  @Test
  void streamOnlyNeedsTheSlotAndThePublicationCreatedBeforehand() {
    try (PostgresLocal pg = PostgresLocal.start()) {
      assertThatThrownBy(() -> SourcePreflight.check(options(pg, "never")))
          .isInstanceOf(BackSyncConfigException.class)
          .hasMessageContaining("pg_create_logical_replication_slot('flink_slot', 'pgoutput')");
      assertThatCode(() -> SourcePreflight.check(options(pg, "initial")))
          .doesNotThrowAnyException();
      pg.exec("select pg_create_logical_replication_slot('flink_slot', 'pgoutput')");
      assertThatThrownBy(() -> SourcePreflight.check(options(pg, "never")))
          .hasMessageContaining("CREATE PUBLICATION dbz_publication FOR ALL TABLES");
      pg.exec("create publication dbz_publication for all tables");
      assertThatCode(() -> SourcePreflight.check(options(pg, "never"))).doesNotThrowAnyException();
    }
  }

  @Test
  void refusesASlotOfAnotherPluginAndAnUnreachableServer() {
    try (PostgresLocal pg = PostgresLocal.start()) {
      pg.exec("select pg_create_logical_replication_slot('flink_slot', 'test_decoding')");
      assertThatThrownBy(() -> SourcePreflight.check(options(pg, "initial")))
          .hasMessageContaining("test_decoding");
      BackSyncOptions unreachable = options(pg, "initial");
      pg.close();
      assertThatThrownBy(() -> SourcePreflight.check(unreachable))
          .hasMessageContaining("cannot connect to jdbc:postgresql://127.0.0.1:");
    }
  }
}
