package io.nimo.core.check;

import io.nimo.core.source.ScanSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a check runs.
 *
 * @param diffDirectory where the per-table diff reports go
 * @param sample items compared per table; 0 = every item (and extras on the target are looked for)
 * @param findExtras whether a full check also passes over the target to find items not on the
 *     source
 * @param segments parallel-Scan segments per table
 * @param recheckAfter how long to wait before comparing the differences found once more (zero = no
 *     recheck)
 * @param scan Scan page size and filter ({@code qps.full.batch_num}, {@code
 *     full.read.filter_expression})
 * @param scanQps Scan calls per second per table ({@code qps.full})
 * @param whiteList tables to check ({@code filter.collection.white})
 * @param blackList tables not to check ({@code filter.collection.black})
 * @param parallelTables tables checked at the same time
 */
record CheckSettings(
    Path diffDirectory,
    long sample,
    boolean findExtras,
    int segments,
    Duration recheckAfter,
    ScanSettings scan,
    int scanQps,
    String whiteList,
    String blackList,
    int parallelTables) {}
