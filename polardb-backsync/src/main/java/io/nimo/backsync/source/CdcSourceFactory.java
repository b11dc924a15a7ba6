package io.nimo.backsync.source;

import io.nimo.backsync.config.BackSyncKeys;
import io.nimo.backsync.config.BackSyncOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flink.cdc.connectors.base.options.StartupOptions;
import org.apache.flink.cdc.connectors.postgres.source.PostgresSourceBuilder;
import org.apache.flink.cdc.connectors.postgres.source.PostgresSourceBuilder.PostgresIncrementalSource;

/**
 * Builds the Flink CDC PostgreSQL source (pgoutput, the configured slot and publication) for the
 * tables the filter keeps, plus the echo marker table when echoes are skipped.
 */
public final class CdcSourceFactory {
  private CdcSourceFactory() {}

  /**
   * The source.
   *
   * @param o the options
   * @return the incremental source
   */
  public static PostgresIncrementalSource<ChangeRecord> create(BackSyncOptions o) {
    Properties debezium = new Properties();
    debezium.setProperty("unavailable.value.placeholder", ChangeRecordDeserializer.UNAVAILABLE);
    debezium.setProperty("publication.name", o.get(BackSyncKeys.SOURCE_PUBLICATION));
    debezium.setProperty("truncate.handling.mode", "include");
    debezium.setProperty("decimal.handling.mode", "precise");
    // Debezium hands over a batch every poll.interval.ms (default 500): most of the lag
    debezium.setProperty("poll.interval.ms", "50");
    return PostgresSourceBuilder.PostgresIncrementalSource.<ChangeRecord>builder()
        .hostname(o.get(BackSyncKeys.SOURCE_HOSTNAME))
        .port(o.get(BackSyncKeys.SOURCE_PORT))
        .database(o.get(BackSyncKeys.SOURCE_DATABASE))
        .schemaList(o.get(BackSyncKeys.SOURCE_SCHEMA))
        .tableList(tablePattern(o))
        .username(o.pgUser())
        .password(o.pgPassword())
        .slotName(o.get(BackSyncKeys.SOURCE_SLOT))
        .decodingPluginName("pgoutput")
        .debeziumProperties(debezium)
        .startupOptions(
            o.get(BackSyncKeys.SNAPSHOT_MODE).equals("initial")
                ? StartupOptions.initial()
                : StartupOptions.committed())
        .deserializer(
            new ChangeRecordDeserializer(
                o.get(BackSyncKeys.ITEM_COLUMN), o.get(BackSyncKeys.ECHO_TABLE)))
        .build();
  }

  /**
   * The table include pattern: the white list, everything but the black list, or everything.
   *
   * @param o the options
   * @return a regular expression over {@code schema.table}
   */
  public static String tablePattern(BackSyncOptions o) {
    String schema = Pattern.quote(o.get(BackSyncKeys.SOURCE_SCHEMA)) + "\\.";
    List<String> white = new ArrayList<>(o.get(BackSyncKeys.FILTER_WHITE));
    List<String> black = o.get(BackSyncKeys.FILTER_BLACK);
    if (!white.isEmpty()) {
      if (o.get(BackSyncKeys.ECHO_SKIP)) {
        white.add(o.get(BackSyncKeys.ECHO_TABLE));
      }
      return schema + "(" + alternatives(white) + ")";
    }
    List<String> excluded = new ArrayList<>(black);
    if (!o.get(BackSyncKeys.ECHO_SKIP)) {
      excluded.add(o.get(BackSyncKeys.ECHO_TABLE));
    }
    // nimo-shake's checkpoint tables (checkpoint.type = postgresql) are not DynamoDB tables
    String notCheckpoints = "(?!.*-checkpoint$)";
    return excluded.isEmpty()
        ? schema + notCheckpoints + ".*"
        : schema + "(?!(" + alternatives(excluded) + ")$)" + notCheckpoints + ".*";
  }

  private static String alternatives(List<String> names) {
    StringBuilder b = new StringBuilder();
    for (String n : names) {
      b.append(b.length() == 0 ? "" : "|").append(Pattern.quote(n));
    }
    return b.toString();
  }
}
