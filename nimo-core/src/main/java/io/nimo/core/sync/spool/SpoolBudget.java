package io.nimo.core.sync.spool;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the disk the spool of a job may use ({@code increase.persist.max_mb}). A full spool pauses
 * the readers instead of dropping anything: shard positions stay where the spool ends and reading
 * resumes from them (re-opening expired iterators) once the full sync ends or room is made.
 */
final class SpoolBudget {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolBudget.class);
  private static final long WARN_EVERY_MILLIS = 60_000;
  private final long maxBytes;
  private final AtomicLong used;
  private final AtomicBoolean stopped;
  private final java.util.concurrent.atomic.AtomicInteger waiting =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile long lastWarning;

  SpoolBudget(long maxBytes, long usedBytes, AtomicBoolean stopped) {
    this.maxBytes = maxBytes;
    this.used = new AtomicLong(usedBytes);
    this.stopped = stopped;
  }

  long usedBytes() {
    return used.get();
  }

  void used(long bytes) {
    used.addAndGet(bytes);
  }

  void released(long bytes) {
    used.addAndGet(-bytes);
    synchronized (this) {
      notifyAll();
    }
  }

  /** How many readers wait for room now. */
  int waiting() {
    return waiting.get();
  }

  /**
   * Blocks while the spool is full; throws {@link CancellationException} if spooling stops
   * meanwhile.
   */
  void awaitRoom(String shardId) throws InterruptedException {
    if (used.get() < maxBytes) {
      return;
    }
    waiting.incrementAndGet();
    try {
      pause(shardId);
    } finally {
      waiting.decrementAndGet();
    }
  }

  private void pause(String shardId) throws InterruptedException {
    while (used.get() >= maxBytes) {
      if (stopped.get()) {
        throw new CancellationException("spooling stopped while the spool was full");
      }
      long now = System.currentTimeMillis();
      if (now - lastWarning >= WARN_EVERY_MILLIS) {
        lastWarning = now;
        LOG.warn(
            "the spool is full ({} MB, increase.persist.max_mb): shard {} and others pause until the full "
                + "sync ends; their positions are kept, but a shard that falls behind the stream's 24 h retention stops "
                + "its table with an error, so raise increase.persist.max_mb if this lasts",
            used.get() >> 20,
            shardId);
      }
      synchronized (this) {
        if (used.get() >= maxBytes) {
          wait(200); // woken when room is made; the stop flag is looked at every 200 ms
        }
      }
    }
  }
}
