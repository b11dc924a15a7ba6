package io.nimo.core.check;

import io.nimo.core.config.CheckOptions;
import io.nimo.core.config.Configuration;
import java.time.Duration;

/**
 * What a {@code nimo-repair.conf} asks of a repair, read once; {@link RepairJob.Builder#request}
 * applies it.
 *
 * @param folders the check's reports and state
 * @param verifyWithin {@code repair.verify_within}: how long a fixed key that reads back stale is
 *     read again
 */
public record RepairRequest(DiffFolders folders, Duration verifyWithin) {

  /**
   * The repair keys of a {@code nimo-repair.conf}.
   *
   * @param c a configuration over {@link CheckOptions#REPAIR}
   * @return the request
   */
  public static RepairRequest from(Configuration c) {
    return new RepairRequest(DiffFolders.from(c), c.get(CheckOptions.REPAIR_VERIFY_WITHIN));
  }
}
