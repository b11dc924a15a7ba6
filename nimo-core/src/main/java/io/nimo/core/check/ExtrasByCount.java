package io.nimo.core.check;

import io.nimo.core.sink.Target;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a full pass's extras by counting instead of by a second pass. If the source did not
 * change while the pass ran (its stream holds no record after the pass's epoch, asked before and
 * after the count), the pass saw each of the source's N items exactly once; if every one of them
 * was found on the target and equal, and the target holds exactly N items, the target can hold no
 * other key. Anything else (a difference, another count, a change on the source, no epoch, a stream
 * that cannot be read) leaves it to the pass over the target.
 */
final class ExtrasByCount {
  private static final Logger LOG = LoggerFactory.getLogger(ExtrasByCount.class);
  private final int parallelism;

  ExtrasByCount(int parallelism) {
    this.parallelism = parallelism;
  }

  /**
   * Whether extras are settled without the pass over the target.
   *
   * @param checked how many source items the pass compared
   * @param found missing, different, extra so far
   * @param sourceChanged whether the source changed since the epoch, or {@code null} if none
   */
  boolean settles(
      String table, Target target, long checked, LongAdder[] found, BooleanSupplier sourceChanged) {
    if (sourceChanged == null || found[0].sum() + found[1].sum() + found[2].sum() > 0) {
      return false;
    }
    try {
      if (sourceChanged.getAsBoolean()) {
        LOG.info(
            "[stage=check, table={}] the source changed during the pass: looking for extras by a"
                + " pass over the target",
            table);
        return false;
      }
      long held = target.count(parallelism);
      if (held != checked) {
        LOG.info(
            "[stage=check, table={}] the target holds {} item(s), the source {}: looking for"
                + " extras by a pass over the target",
            table,
            held,
            checked);
        return false;
      }
      if (sourceChanged.getAsBoolean()) {
        LOG.info(
            "[stage=check, table={}] the source changed while the target was counted: looking for"
                + " extras by a pass over the target",
            table);
        return false;
      }
      LOG.info(
          "[stage=check, table={}] no extras: the target holds exactly the {} item(s) found equal,"
              + " and the source did not change during the pass",
          table,
          checked);
      return true;
    } catch (RuntimeException e) {
      LOG.warn(
          "[stage=check, table={}] could not settle extras by counting ({}): looking for them by a"
              + " pass over the target",
          table,
          e.getMessage());
      return false;
    }
  }
}
