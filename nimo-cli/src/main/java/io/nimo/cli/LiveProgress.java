package io.nimo.cli;

import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.metrics.TableProgress;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * For a terminal: one status line of the full sync, redrawn in place every second (tables being
 * copied with items, %, rate and ETA; how many are done and waiting). Without a terminal the tools
 * log plain periodic lines instead.
 */
public final class LiveProgress implements AutoCloseable {
  private static final String REDRAW = "\r\033[K";
  private final PrintStream out;
  private final Supplier<List<TableProgress.Snapshot>> tables;
  private final Supplier<List<StreamProgress.Snapshot>> streams;
  private final int width;
  private final ScheduledExecutorService timer;

  private LiveProgress(
      PrintStream out,
      Supplier<List<TableProgress.Snapshot>> tables,
      Supplier<List<StreamProgress.Snapshot>> streams,
      int width) {
    this.out = out;
    this.tables = tables;
    this.streams = streams;
    this.width = width;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "nimo-live-progress");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts redrawing the line every second.
   *
   * @param out the terminal
   * @param tables the tables' full-sync progress
   * @param streams the tables' incremental progress (empty until that phase)
   * @return the running line; close it to end it with a newline
   */
  public static LiveProgress start(
      PrintStream out,
      Supplier<List<TableProgress.Snapshot>> tables,
      Supplier<List<StreamProgress.Snapshot>> streams) {
    int width = 120;
    try {
      width = Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120")));
    } catch (NumberFormatException e) {
      // keep 120
    }
    LiveProgress p = new LiveProgress(out, tables, streams, width);
    p.timer.scheduleAtFixedRate(p::draw, 0, 1, TimeUnit.SECONDS);
    return p;
  }

  private void draw() {
    out.print(REDRAW + render(tables.get(), streams.get(), width));
    out.flush();
  }

  /**
   * The status line for a set of tables, cut to {@code width} characters.
   *
   * @param tables the tables' full-sync progress
   * @param streams the tables' incremental progress
   * @param width the terminal width
   * @return e.g. {@code full sync: orders running 45.2% 12345/~27000 2340/s ETA 6s | 1 done, 2
   *     waiting}
   */
  static String render(
      List<TableProgress.Snapshot> tables, List<StreamProgress.Snapshot> streams, int width) {
    List<String> parts = new ArrayList<>();
    int done = 0;
    int waiting = 0;
    for (TableProgress.Snapshot s : tables) {
      switch (s.state()) {
        case DONE -> done++;
        case WAITING -> waiting++;
        default ->
            parts.add(
                String.format(
                        Locale.ROOT,
                        "%s %s %.1f%% %d/~%d %d/s ETA %s",
                        s.table(),
                        s.state().name().toLowerCase(Locale.ROOT),
                        s.percent(),
                        s.totalWritten(),
                        s.estimatedTotal(),
                        Math.round(s.itemsPerSecond()),
                        s.etaText())
                    + (s.activity().isEmpty() ? "" : " (" + s.activity() + ")"));
      }
    }
    parts.add(done + " done, " + waiting + " waiting");
    String line = "full sync: " + String.join(" | ", parts);
    if (!streams.isEmpty()) {
      long applied = streams.stream().mapToLong(StreamProgress.Snapshot::applied).sum();
      long lag = streams.stream().mapToLong(StreamProgress.Snapshot::lagMillis).max().orElse(0);
      line += " || incremental: " + applied + " applied, lag " + (lag < 0 ? "-" : lag + " ms");
    }
    return line.length() <= width ? line : line.substring(0, width - 1) + "…";
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    draw();
    out.println();
  }
}
