package io.nimo.flink.scan;

import io.nimo.core.item.ItemJson;
import io.nimo.core.s3.ObjectStore;
import io.nimo.core.source.ScanPage;
import io.nimo.core.source.export.ExportFinder;
import io.nimo.core.source.export.ExportSegments;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The pages of export splits: each data file is read by one task streaming it (gunzip, MD5, parse)
 * into a queue one page deep, so the reader takes a file's pages in order without opening it again
 * per page and the file's reading waits while its pages wait downstream. A split's file is opened
 * at its checkpointed position (records already emitted are skipped). The export a split names is
 * read once per reader.
 */
final class ExportPages implements SplitPages, AutoCloseable {
  private final Supplier<ObjectStore> store;
  private final int pageSize;
  private final ExecutorService files;
  private final Map<String, ExportSegments> exports = new ConcurrentHashMap<>();
  private final Map<String, BlockingQueue<Object>> feeds = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Pages over an S3 store.
   *
   * @param store the exports' store, opened on first use
   * @param pageSize records per page
   * @param files runs one task per data file being read (as many as splits read at once)
   */
  ExportPages(Supplier<ObjectStore> store, int pageSize, ExecutorService files) {
    this.store = store;
    this.pageSize = pageSize;
    this.files = files;
  }

  @Override
  public ScanPage next(ScanSplit split, Map<String, AttributeValue> after)
      throws InterruptedException {
    BlockingQueue<Object> feed =
        feeds.computeIfAbsent(split.splitId(), id -> open(split, position(split, after)));
    Object next = feed.take();
    if (next instanceof RuntimeException e) {
      feeds.remove(split.splitId());
      throw e;
    }
    ScanPage page = (ScanPage) next;
    if (page.lastEvaluatedKey() == null) {
      feeds.remove(split.splitId());
    }
    return page;
  }

  private static Map<String, AttributeValue> position(
      ScanSplit split, Map<String, AttributeValue> after) {
    if (after != null) {
      return after;
    }
    return split.lastKeyJson() == null ? null : ItemJson.read(split.lastKeyJson());
  }

  private BlockingQueue<Object> open(ScanSplit split, Map<String, AttributeValue> from) {
    BlockingQueue<Object> feed = new ArrayBlockingQueue<>(1);
    ExportSegments segments =
        exports.computeIfAbsent(
            split.export(),
            (Function<String, ExportSegments>)
                uri ->
                    new ExportSegments(
                        store.get(), new ExportFinder(store.get()).at(uri), pageSize));
    files.execute(
        () -> {
          try {
            segments.scanSegment(
                split.table(),
                split.segment(),
                split.totalSegments(),
                from,
                feed::put,
                () -> closed);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException e) {
            try {
              feed.put(e); // after the pages before it
            } catch (InterruptedException closing) {
              Thread.currentThread().interrupt();
            }
          }
        });
    return feed;
  }

  @Override
  public void close() {
    closed = true;
    files.shutdownNow();
  }
}
