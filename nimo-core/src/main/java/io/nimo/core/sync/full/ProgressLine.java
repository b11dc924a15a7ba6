package io.nimo.core.sync.full;

import io.nimo.core.metrics.TableProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The periodic one-line progress log of a table. */
final class ProgressLine {
  private static final Logger LOG = LoggerFactory.getLogger("io.nimo.progress");

  private ProgressLine() {}

  static void log(TableProgress.Snapshot s) {
    LOG.info(
        "[stage=full, table={}] {} items written ({}% of ~{}), read {}, {} items/s, ETA {}, retried {}, "
            + "failed {}",
        s.table(),
        s.totalWritten(),
        String.format("%.2f", s.percent()),
        s.estimatedTotal(),
        s.read(),
        Math.round(s.itemsPerSecond()),
        s.etaText(),
        s.retried(),
        s.failed());
  }
}
