package io.nimo.core.sink;

import io.nimo.core.config.ExistPolicy;
import io.nimo.core.source.SourceTable;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one "prepare a target table" step of nimo-shake and the Flink job. A run that copies a table
 * creates it as {@code target.db.exist} says (an existing table is refused naming the key, or
 * dropped, or renamed); a run that only follows streams ({@code sync_mode = incr}) creates a
 * missing table and keeps an existing one, which holds the copy the changes apply to.
 */
public final class TargetPreparation {
  private static final Logger LOG = LoggerFactory.getLogger(TargetPreparation.class);

  private TargetPreparation() {}

  /**
   * Prepares the table for a run that copies it.
   *
   * @param policy {@code target.db.exist}
   * @throws TargetTableExistsException if it exists and the policy keeps it (the message names
   *     {@code target.db.exist})
   */
  public static PrepareResult forCopy(Target target, SourceTable source, ExistPolicy policy) {
    return target.prepare(source.schema(), policy);
  }

  /**
   * Prepares the table for a run that only follows the source's streams: creates it when it is
   * missing, keeps it when it exists.
   *
   * @return what creating it did, or empty when it existed and was kept
   */
  public static Optional<PrepareResult> forFollow(Target target, SourceTable source) {
    try {
      return Optional.of(target.prepare(source.schema(), ExistPolicy.FAIL));
    } catch (TargetTableExistsException exists) {
      LOG.info(
          "target table {} exists; the stream's changes are applied to it", source.schema().name());
      return Optional.empty();
    }
  }
}
