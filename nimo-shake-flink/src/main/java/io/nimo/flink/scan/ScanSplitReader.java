package io.nimo.flink.scan;

import io.nimo.core.item.ItemJson;
import io.nimo.core.item.KeySchema;
import io.nimo.core.source.ScanPage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads the splits assigned to one reader with up to {@code inFlight} Scan calls at once (one per
 * split, as one nimo-shake process reads its segments), through nimo-core's {@link
 * io.nimo.core.source.TableScanner}: the same paced, retried Scan call as nimo-shake's; an export's
 * split reads its data file instead ({@link ExportPages}). Each fetch hands over the pages that are
 * done; a split's next page is requested as soon as its current one arrives, but its checkpointed
 * position moves only when the emitter has passed the page on. Pages wait in Flink's bounded
 * element queue, so back-pressure holds. While the job's {@link ScanPause} holds (the stream fell
 * too far behind), no new Scan call starts: the calls in flight end and their splits wait.
 */
final class ScanSplitReader implements SplitReader<ScanElement, ScanSplit> {
  private static final long PAUSED_POLL_MILLIS = 200;

  /** Wakes a waiting {@link #fetch} without a page. */
  private static final String WAKE = "";

  private final SplitPages pages;
  private final Function<String, KeySchema> keys;
  private final int inFlight;
  private final ExecutorService calls;
  private final AutoCloseable endpoints;
  private final ScanPause pause;
  private final Deque<ScanSplit> waiting = new ArrayDeque<>();
  private final Map<Reading, Map<String, AttributeValue>> parked = new LinkedHashMap<>();
  private final Map<String, Reading> reading = new LinkedHashMap<>();
  private final BlockingQueue<String> done = new LinkedBlockingQueue<>();

  /** A split with its next page on the way. */
  private static final class Reading {
    final ScanSplit split;
    CompletableFuture<ScanPage> page;

    Reading(ScanSplit split) {
      this.split = split;
    }
  }

  ScanSplitReader(
      SplitPages pages,
      Function<String, KeySchema> keys,
      int inFlight,
      ExecutorService calls,
      AutoCloseable endpoints,
      ScanPause pause) {
    this.pause = pause;
    this.pages = pages;
    this.keys = keys;
    this.inFlight = inFlight;
    this.calls = calls;
    this.endpoints = endpoints;
  }

  @Override
  public RecordsWithSplitIds<ScanElement> fetch() throws IOException {
    boolean paused = pause.paused();
    if (!paused) {
      parked.forEach(this::request);
      parked.clear();
      startWaiting();
    }
    RecordsBySplits.Builder<ScanElement> out = new RecordsBySplits.Builder<>();
    if (reading.isEmpty() && !(paused && !waiting.isEmpty())) {
      return out.build();
    }
    String id;
    try {
      // paused: look again for the pause's end every so often
      id = paused ? done.poll(PAUSED_POLL_MILLIS, TimeUnit.MILLISECONDS) : done.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Scan interrupted");
    }
    while (id != null) {
      if (!id.equals(WAKE)) {
        emit(id, out);
      }
      id = done.poll();
    }
    return out.build();
  }

  private void startWaiting() {
    while (reading.size() < inFlight && !waiting.isEmpty()) {
      ScanSplit s = waiting.poll();
      Reading r = new Reading(s);
      reading.put(s.splitId(), r);
      request(r, s.lastKeyJson() == null ? null : ItemJson.read(s.lastKeyJson()));
    }
  }

  private void request(Reading r, Map<String, AttributeValue> after) {
    ScanSplit s = r.split;
    r.page =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return pages.next(s, after);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
              }
            },
            calls);
    r.page.whenComplete((page, error) -> done.add(s.splitId()));
  }

  private void emit(String id, RecordsBySplits.Builder<ScanElement> out) throws IOException {
    Reading r = reading.get(id);
    ScanPage page;
    try {
      page = r.page.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("Scan of " + id + " failed", cause);
    }
    String table = r.split.table();
    KeySchema schema = keys.apply(table);
    for (Map<String, AttributeValue> item : page.items()) {
      out.add(id, new ScanElement(table, schema.keyOf(item).toString(), item, null));
    }
    Map<String, AttributeValue> next = page.lastEvaluatedKey();
    out.add(id, new ScanElement(table, null, null, next == null ? null : ItemJson.write(next)));
    if (next == null) {
      out.addFinishedSplit(id);
      reading.remove(id);
    } else if (pause.paused()) {
      parked.put(r, next);
    } else {
      request(r, next); // the next page is read while this one goes downstream
    }
  }

  @Override
  public void handleSplitsChanges(SplitsChange<ScanSplit> change) {
    if (!(change instanceof SplitsAddition)) {
      throw new UnsupportedOperationException("unexpected split change " + change);
    }
    waiting.addAll(change.splits());
  }

  @Override
  public void wakeUp() {
    done.add(WAKE);
  }

  @Override
  public void close() throws Exception {
    calls.shutdownNow();
    endpoints.close();
  }
}
