package io.nimo.flink.scan;

import io.nimo.flink.lag.StreamLag;
import io.nimo.flink.lag.StreamLagBoard;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses the Scan while a table's stream reading is further behind than {@code
 * incr.max_lag_during_full}, and lets it go on once the lag is back under half of that. A Scan that
 * saturates the writers would otherwise hold the stream's changes back until the stream's 24 hours
 * trimmed them; the pause hands the writers to the changes.
 */
final class StreamLagBrake {
  private static final Logger LOG = LoggerFactory.getLogger(StreamLagBrake.class);

  private final String link;
  private final long limitMillis;
  private volatile boolean paused;

  StreamLagBrake(String link, Duration limit) {
    this.link = link;
    this.limitMillis = limit.toMillis();
  }

  /**
   * Reads the board.
   *
   * @return whether the Scan should now pause, when that changes
   */
  Optional<Boolean> check() {
    StreamLag worst = StreamLagBoard.worst(link).orElse(new StreamLag("-", 0));
    if (!paused && worst.millis() > limitMillis) {
      paused = true;
      LOG.warn(
          "[stage=full-flink, table={}] the stream is {} behind, past incr.max_lag_during_full ({}):"
              + " the Scan pauses until it is back under {}",
          worst.table(),
          Duration.ofMillis(worst.millis()),
          Duration.ofMillis(limitMillis),
          Duration.ofMillis(limitMillis / 2));
      return Optional.of(true);
    }
    if (paused && worst.millis() < limitMillis / 2) {
      paused = false;
      LOG.info(
          "[stage=full-flink] the streams are at most {} behind ({}): the Scan goes on",
          Duration.ofMillis(worst.millis()),
          worst.table());
      return Optional.of(false);
    }
    return Optional.empty();
  }

  boolean paused() {
    return paused;
  }
}
