package io.nimo.core.config;

import static io.nimo.core.config.ConfigOption.bool;
import static io.nimo.core.config.ConfigOption.integer;
import static io.nimo.core.config.ConfigOption.string;

/**
 * The full-sync keys of {@code nimo-shake.conf} ({@code full.*}): concurrency, batch sizes,
 * indexes, duplicates and the read filter. Declared once here; {@link ShakeOptions#ALL} puts them
 * in conf-file order.
 */
public final class FullSyncOptions {
  private FullSyncOptions() {}

  public static final ConfigOption<Integer> FULL_CONCURRENCY =
      integer("full.concurrency", 4, "Tables synced at the same time.").between(1, 4096);

  public static final ConfigOption<Integer> FULL_READ_CONCURRENCY =
      integer("full.read.concurrency", 8, "Parallel Scan segments per table (TotalSegments).")
          .between(1, 8192);

  public static final ConfigOption<Integer> FULL_READ_CALLS_PER_READER =
      integer(
              "full.read.calls_per_reader",
              0,
              "Flink job only: Scan calls each parallel reader keeps in flight, one segment each; 0 = "
                  + "full.read.concurrency, what one nimo-shake process keeps in flight for a table. The "
                  + "sum over all readers stays within qps.full.")
          .between(0, 8192);

  public static final ConfigOption<Integer> FULL_DOC_CONCURRENCY =
      integer(
              "full.document.concurrency",
              0,
              "Writer threads per table; 0 = the target's own: 16 for DynamoDB-API targets (writes in "
                  + "flight hide the round trip; measured in bench/latency-bench.sh), 4 for MongoDB and "
                  + "PostgreSQL (each writer holds a connection).")
          .between(0, 4096);

  public static final ConfigOption<Integer> FULL_DOC_PARSER =
      integer("full.document.parser", 2, "Parser threads per table (key checks, transforms).")
          .between(1, 4096);

  public static final ConfigOption<Integer> FULL_WRITE_BATCH =
      integer(
              "full.document.write.batch",
              0,
              "Items per target write; 0 = the target's own: 25 for DynamoDB-API targets (BatchWriteItem's "
                  + "limit, also the most they take), 256 documents per insertMany for MongoDB.")
          .between(0, 100_000);

  public static final ConfigOption<Boolean> FULL_INDEX_USER =
      bool("full.enable_index.user", true, "Create the source's GSIs and LSIs on the target.");

  /** {@code full.enable_index.primary}: the primary key on the target (always created). */
  public static final ConfigOption<Boolean> FULL_INDEX_PRIMARY =
      bool(
          "full.enable_index.primary",
          true,
          "Create the source's primary key on the target. Always true: every target table gets the source's key "
              + "(false is refused).");

  public static final ConfigOption<Boolean> FULL_INSERT_ON_DUP =
      bool(
          "full.executor.insert_on_dup_update",
          true,
          "On a duplicate key during full sync, overwrite (DynamoDB-API targets always overwrite: puts are upserts).");

  /**
   * {@code full.read.filter_expression}: Optional Scan FilterExpression for the full sync, e.g.
   * create_time &gt; :begin. Empty copies everything.
   */
  public static final ConfigOption<String> FULL_FILTER_EXPRESSION =
      string(
          "full.read.filter_expression",
          "",
          "Optional Scan FilterExpression for the full sync, e.g. create_time > :begin. Empty copies everything.");

  public static final ConfigOption<String> FULL_FILTER_VALUES =
      string(
          "full.read.filter_attributevalues",
          "",
          "Values for the filter: name```type```value pairs joined by ~~~ (types N and S), e.g. begin```N```1646724207280.");
}
