package io.nimo.core.check;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a check runs.
 *
 * @param diffDirectory where the per-table diff reports go
 * @param sample items compared per table; 0 = every item (and extras on the target are looked for)
 * @param findExtras whether a full check also passes over the target to find items not on the source
 * @param segments parallel-Scan segments per table
 * @param recheckAfter how long to wait before comparing the differences found once more (zero = no recheck)
 */
record CheckSettings(Path diffDirectory, long sample, boolean findExtras, int segments, Duration recheckAfter) {}
