package io.nimo.backsync.source;

import io.nimo.backsync.config.BackSyncKeys;
import io.nimo.backsync.config.BackSyncOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flink.cdc.connectors.base.options.StartupOptions;
import org.apache.flink.cdc.connectors.postgres.PostgreSQLSource;
import org.apache.flink.cdc.connectors.postgres.source.PostgresSourceBuilder;
import org.apache.flink.cdc.connectors.postgres.source.PostgresSourceBuilder.PostgresIncrementalSource;
import org.apache.flink.cdc.debezium.DebeziumSourceFunction;

/**
 * Builds the Flink CDC PostgreSQL sources (pgoutput, the configured slot and publication) for the
 * tables the filter keeps, plus the echo marker table when echoes are skipped. {@code
 * snapshot.mode: never} streams with the incremental source from the slot's confirmed position;
 * {@code initial} copies every table first with Debezium's own snapshot (one {@code SELECT} per
 * table in the slot's exported snapshot, then the stream from that point), which needs no orderable
 * chunk key: the incremental source's chunked copy runs {@code min()} over the first key column,
 * which PostgreSQL has no aggregate for on bytea keys, and it needs a primary key that
 * PolarDB-DDB's tables may not have.
 */
public final class CdcSourceFactory {
  private CdcSourceFactory() {}

  /**
   * The streaming source ({@code snapshot.mode: never}).
   *
   * @param o the options
   * @param layouts what discovery found
   * @return the incremental source
   */
  public static PostgresIncrementalSource<ChangeRecord> streaming(
      BackSyncOptions o, Layouts layouts) {
    return PostgresSourceBuilder.PostgresIncrementalSource.<ChangeRecord>builder()
        .hostname(o.get(BackSyncKeys.SOURCE_HOSTNAME))
        .port(o.get(BackSyncKeys.SOURCE_PORT))
        .database(o.get(BackSyncKeys.SOURCE_DATABASE))
        .schemaList(layouts.schemas().toArray(new String[0]))
        .tableList(tablePattern(o, layouts.schemas()))
        .username(o.pgUser())
        .password(o.pgPassword())
        .slotName(o.get(BackSyncKeys.SOURCE_SLOT))
        .decodingPluginName("pgoutput")
        .debeziumProperties(debezium(o))
        .startupOptions(StartupOptions.committed())
        .deserializer(deserializer(o, layouts))
        .build();
  }

  /**
   * The copy-then-stream source ({@code snapshot.mode: initial}).
   *
   * @param o the options
   * @param layouts what discovery found
   * @return Debezium's source function
   */
  public static DebeziumSourceFunction<ChangeRecord> copyThenStream(
      BackSyncOptions o, Layouts layouts) {
    Properties debezium = debezium(o);
    debezium.setProperty("snapshot.mode", "initial");
    return PostgreSQLSource.<ChangeRecord>builder()
        .hostname(o.get(BackSyncKeys.SOURCE_HOSTNAME))
        .port(o.get(BackSyncKeys.SOURCE_PORT))
        .database(o.get(BackSyncKeys.SOURCE_DATABASE))
        .schemaList(layouts.schemas().toArray(new String[0]))
        .tableList(tablePattern(o, layouts.schemas()))
        .username(o.pgUser())
        .password(o.pgPassword())
        .slotName(o.get(BackSyncKeys.SOURCE_SLOT))
        .decodingPluginName("pgoutput")
        .debeziumProperties(debezium)
        .deserializer(deserializer(o, layouts))
        .build();
  }

  private static Properties debezium(BackSyncOptions o) {
    Properties debezium = new Properties();
    debezium.setProperty("unavailable.value.placeholder", ChangeRecordDeserializer.UNAVAILABLE);
    debezium.setProperty("publication.name", o.get(BackSyncKeys.SOURCE_PUBLICATION));
    debezium.setProperty("truncate.handling.mode", "include");
    debezium.setProperty("decimal.handling.mode", "precise");
    // Debezium hands over a batch every poll.interval.ms (default 500): most of the lag
    debezium.setProperty("poll.interval.ms", "50");
    return debezium;
  }

  private static ChangeRecordDeserializer deserializer(BackSyncOptions o, Layouts layouts) {
    String configured = o.get(BackSyncKeys.ITEM_COLUMN);
    return new ChangeRecordDeserializer(
        layouts,
        o.get(BackSyncKeys.ECHO_TABLE),
        configured.isEmpty()
            ? List.of(LayoutDiscovery.POLARDB_DOCUMENT, LayoutDiscovery.NIMO_ITEM)
            : List.of(configured));
  }

  /**
   * The table include pattern: the white list, everything but the black list, or everything.
   *
   * @param o the options
   * @param schemas the schemas read
   * @return a regular expression over {@code schema.table}
   */
  public static String tablePattern(BackSyncOptions o, List<String> schemas) {
    String schema = "(" + alternatives(schemas) + ")\\.";
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
