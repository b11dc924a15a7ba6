package io.nimo.core.check;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.FullSyncOptions;
import io.nimo.core.config.SourceOptions;
import io.nimo.core.source.ScanSettings;
import io.nimo.core.source.TableFilter;
import java.nio.file.Path;

/**
 * How a check runs.
 *
 * @param diffDirectory where the per-table diff reports go
 * @param sample items compared per table; 0 = every item (and extras on the target are looked for)
 * @param findExtras whether a full check also passes over the target to find items not on the
 *     source
 * @param segments parallel-Scan segments per table
 * @param recheck when the differences found are compared once more
 * @param scan Scan page size and filter ({@code qps.full.batch_num}, {@code
 *     full.read.filter_expression})
 * @param scanQps Scan calls per second per table ({@code qps.full})
 * @param tables the tables to check ({@code filter.collection.white} / {@code black})
 * @param parallelTables tables checked at the same time
 */
record CheckSettings(
    Path diffDirectory,
    long sample,
    boolean findExtras,
    int segments,
    Recheck recheck,
    ScanSettings scan,
    int scanQps,
    TableFilter tables,
    int parallelTables) {

  static CheckSettings from(
      Configuration c,
      Path diffDirectory,
      long sample,
      boolean findExtras,
      Recheck recheck,
      int parallelTables) {
    return new CheckSettings(
        diffDirectory,
        sample,
        findExtras,
        c.get(FullSyncOptions.FULL_READ_CONCURRENCY),
        recheck,
        ScanSettings.from(c),
        c.get(SourceOptions.QPS_FULL),
        TableFilter.parse(c.get(SourceOptions.FILTER_WHITE), c.get(SourceOptions.FILTER_BLACK)),
        parallelTables);
  }
}
