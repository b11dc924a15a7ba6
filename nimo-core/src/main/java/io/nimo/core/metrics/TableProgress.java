package io.nimo.core.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Live, thread-safe counters of one table's sync. Read through {@link #snapshot()}. */
public final class TableProgress {
  /** Where a table is. */
  public enum State {
    /** Not started. */
    WAITING,
    /** Creating or checking the target table. */
    PREPARING,
    /** Copying. */
    RUNNING,
    /** Every item copied. */
    DONE,
    /** Stopped on request; the checkpoint resumes it. */
    STOPPED,
    /** Ended with an error. */
    FAILED
  }

  private final String table;
  private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
  private final AtomicLong estimatedTotal = new AtomicLong();
  private final AtomicLong alreadyDone = new AtomicLong();
  private final LongAdder read = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder deduplicated = new LongAdder();
  private final LongAdder filtered = new LongAdder();
  private final AtomicLong startNanos = new AtomicLong();
  private final AtomicLong endNanos = new AtomicLong();
  private final List<String> notes = new CopyOnWriteArrayList<>();
  private volatile String activity = "";
  private volatile Segments segments = new Segments(0, 0, 0);
  private volatile java.util.function.IntSupplier pagesQueued = () -> 0;
  private volatile java.util.function.IntSupplier batchesQueued = () -> 0;

  /** Empty progress of a table. */
  public TableProgress(String table) {
    this.table = table;
  }

  /** The table. */
  public String table() {
    return table;
  }

  /**
   * Where the table's pipeline queue depths are read from (for diagnostics).
   *
   * @param pages Scan pages waiting for the convert stage
   * @param batches write batches waiting for the write stage
   */
  public void queues(java.util.function.IntSupplier pages, java.util.function.IntSupplier batches) {
    this.pagesQueued = pages;
    this.batchesQueued = batches;
  }

  /**
   * Scan pages waiting for the convert stage now.
   *
   * @return the queue depth
   */
  public int pagesQueued() {
    return pagesQueued.getAsInt();
  }

  /**
   * Write batches waiting for the write stage now.
   *
   * @return the queue depth
   */
  public int batchesQueued() {
    return batchesQueued.getAsInt();
  }

  /**
   * Moves the table to state {@code s}.
   *
   * @param s the new state
   */
  public void state(State s) {
    state.set(s);
    if (s == State.RUNNING) {
      startNanos.compareAndSet(0, System.nanoTime());
    } else if (s == State.DONE || s == State.FAILED || s == State.STOPPED) {
      startNanos.compareAndSet(0, System.nanoTime());
      endNanos.compareAndSet(0, System.nanoTime());
    }
  }

  /**
   * The source's approximate ItemCount, and how many items a previous run already wrote.
   *
   * @param resumedFrom items already written by earlier runs
   */
  public void estimate(long total, long resumedFrom) {
    estimatedTotal.set(total);
    alreadyDone.set(resumedFrom);
  }

  /**
   * Counts items read from the source.
   *
   * @param n how many
   */
  public void addRead(long n) {
    read.add(n);
  }

  /**
   * Counts items written, items retried and keys de-duplicated.
   *
   * @param n how many
   * @param retriedItems items written again after a throttle or partial batch
   * @param dedup keys de-duplicated within batches
   */
  public void addWritten(long n, long retriedItems, long dedup) {
    written.add(n);
    retried.add(retriedItems);
    deduplicated.add(dedup);
  }

  /**
   * Items an {@link io.nimo.core.sync.hooks.ItemTransformer} chose to skip.
   *
   * @param n how many
   */
  public void addFiltered(long n) {
    filtered.add(n);
  }

  /**
   * Counts items that failed.
   *
   * @param n how many
   */
  public void addFailed(long n) {
    failed.add(n);
  }

  /**
   * Adds a note shown in the summary (e.g. a setting the target refused).
   *
   * @param note the remark
   */
  public void note(String note) {
    notes.add(note);
  }

  /**
   * What the table is doing now when it is not copying items (e.g. waiting for an export), shown on
   * the status page and the console until the next one; empty for none.
   *
   * @param now what it is doing
   */
  public void activity(String now) {
    this.activity = now == null ? "" : now;
  }

  /**
   * How far the table's segments are (Scan segments, or an export's data files), as last
   * checkpointed.
   *
   * @param now the counts
   */
  public void segments(Segments now) {
    this.segments = now;
  }

  /**
   * A table's segments: Scan segments, or the data files of an export.
   *
   * @param done written whole
   * @param partly partly written (a resumed run goes on after the last written record or key)
   * @param total all of them
   */
  public record Segments(int done, int partly, int total) {}

  /** A point-in-time view. */
  public Snapshot snapshot() {
    long start = startNanos.get();
    long end = endNanos.get() == 0 ? System.nanoTime() : endNanos.get();
    long elapsedMs = start == 0 ? 0 : (end - start) / 1_000_000;
    return new Snapshot(
        table,
        state.get(),
        estimatedTotal.get(),
        alreadyDone.get(),
        read.sum(),
        written.sum(),
        retried.sum(),
        failed.sum(),
        deduplicated.sum(),
        filtered.sum(),
        elapsedMs,
        List.copyOf(notes),
        activity,
        segments);
  }

  /**
   * A point-in-time view of a table's progress.
   *
   * @param estimatedTotal the source's approximate item count (DynamoDB refreshes it about every 6
   *     h)
   * @param resumedFrom items written by earlier runs before this one resumed
   * @param read items read from the source in this run
   * @param written items stored on the target in this run
   * @param retried item writes re-driven (throttling, UnprocessedItems, splits)
   * @param failed items the target refused (a non-zero value ends the run)
   * @param deduplicated items folded into a later item with the same key
   * @param filtered items the item transformer skipped
   * @param elapsedMillis time spent on the table in this run
   * @param notes remarks for the summary
   * @param activity what it is doing now besides copying, or empty
   * @param segments how far its segments are, as last checkpointed
   */
  public record Snapshot(
      String table,
      State state,
      long estimatedTotal,
      long resumedFrom,
      long read,
      long written,
      long retried,
      long failed,
      long deduplicated,
      long filtered,
      long elapsedMillis,
      List<String> notes,
      String activity,
      Segments segments) {

    /** Items written, including those of earlier runs. */
    public long totalWritten() {
      return resumedFrom + written;
    }

    /** Write rate since the table started. */
    public double itemsPerSecond() {
      return elapsedMillis == 0 ? 0 : written * 1000.0 / elapsedMillis;
    }

    /**
     * Time left at the current rate, by the approximate source item count.
     *
     * @return the estimate, or empty when there is no count or no rate yet, or the table is done
     */
    public java.util.Optional<java.time.Duration> eta() {
      double rate = itemsPerSecond();
      long left = estimatedTotal - totalWritten();
      if (state == State.DONE || rate <= 0 || left <= 0) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(java.time.Duration.ofSeconds((long) Math.ceil(left / rate)));
    }

    /**
     * The {@link #eta()} as people write it ({@code 1h02m}, {@code 4m05s}, {@code 7s}), or {@code
     * -}.
     *
     * @return the text
     */
    public String etaText() {
      return eta()
          .map(
              d -> {
                long s = d.toSeconds();
                if (s >= 3600) {
                  return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
                }
                return s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
              })
          .orElse("-");
    }

    /** Percent done, by the approximate source item count (100 when done). */
    public double percent() {
      if (state == State.DONE) {
        return 100.0;
      }
      if (estimatedTotal <= 0) {
        return 0.0;
      }
      return Math.min(99.99, totalWritten() * 100.0 / estimatedTotal);
    }
  }
}
