package io.nimo.core.check;

import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.item.ItemEquality;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.Timing;
import io.nimo.core.sink.Target;
import io.nimo.core.source.SourceTable;
import io.nimo.core.source.TableScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Checks one table: a parallel Scan of the source whose (sampled) items are looked up on the target
 * a page at a time ({@link Target#readAll}) and compared with DynamoDB semantics, then, unless
 * sampling, a pass over the target that looks its keys up on the source, 100 per BatchGetItem, to
 * find extras.
 */
final class TableChecker {
  private static final Logger LOG = LoggerFactory.getLogger(TableChecker.class);
  private final DynamoApi source;
  private final Retrier retrier;
  private final TableScanner scanner;
  private final SourceKeyReader sourceKeys;
  private final CheckSettings settings;
  private final AtomicBoolean stopped;
  private final Timing timing;
  private static final long PROGRESS_EVERY_MILLIS = 5_000;
  private final java.util.concurrent.atomic.AtomicLong lastProgress;
  private final long startMillis;
  private volatile long expected;

  TableChecker(
      DynamoApi source,
      Retrier retrier,
      TableScanner scanner,
      CheckSettings settings,
      AtomicBoolean stopped,
      Timing timing) {
    this.timing = timing;
    this.lastProgress = new java.util.concurrent.atomic.AtomicLong(timing.clock().millis());
    this.startMillis = timing.clock().millis();
    this.source = source;
    this.retrier = retrier;
    this.sourceKeys = new SourceKeyReader(source, retrier);
    this.scanner = scanner;
    this.settings = settings;
    this.stopped = stopped;
  }

  TableCheck check(SourceTable table, Target target) throws Exception {
    return check(table, target, null);
  }

  /**
   * Checks one table.
   *
   * @param sourceChanged tells whether the source changed since this pass began (its stream holds a
   *     record after the epoch), or {@code null} when no epoch was taken; with it, a clean pass
   *     over a source that did not change settles extras by counting the target instead of looking
   *     its every key up on the source
   */
  TableCheck check(SourceTable table, Target target, BooleanSupplier sourceChanged)
      throws Exception {
    String name = table.name();
    KeySchema keys = table.keySchema();
    Long count = table.approximateItems();
    double rate =
        settings.sample() == 0 || count == null || count <= settings.sample()
            ? 1.0
            : (double) settings.sample() / count;
    expected = count == null ? 0 : Math.round(count * rate);
    LongAdder checked = new LongAdder();
    LongAdder[] found = {new LongAdder(), new LongAdder(), new LongAdder()};
    Path file = DiffFiles.of(settings.diffDirectory(), name);
    try (DiffFiles.Writer diffs = new DiffFiles.Writer(file)) {
      java.nio.file.Files.deleteIfExists(file);
      java.util.concurrent.atomic.AtomicInteger threads =
          new java.util.concurrent.atomic.AtomicInteger();
      ExecutorService pool =
          Executors.newFixedThreadPool(
              settings.segments(),
              r -> new Thread(r, "nimo-check-" + name + "-" + threads.incrementAndGet()));
      try {
        List<Future<?>> segments = new ArrayList<>();
        for (int s = 0; s < settings.segments(); s++) {
          int segment = s;
          segments.add(
              pool.submit(
                  () -> {
                    scanner.scanSegment(
                        name,
                        segment,
                        settings.segments(),
                        null,
                        page -> {
                          Map<ItemKey, Map<String, AttributeValue>> wanted = new LinkedHashMap<>();
                          for (Map<String, AttributeValue> item : page.items()) {
                            ItemKey key = keys.keyOf(item);
                            if (rate == 1.0 || !sampledOut(key, rate)) {
                              wanted.put(key, item);
                            }
                          }
                          Map<ItemKey, Map<String, AttributeValue>> stored =
                              target.readAll(new ArrayList<>(wanted.keySet()));
                          wanted.forEach(
                              (key, item) -> compare(item, key, stored.get(key), diffs, found));
                          checked.add(wanted.size());
                          logProgress(name, checked, found);
                        },
                        stopped::get);
                    return null;
                  }));
        }
        for (Future<?> f : segments) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      if (rate == 1.0 && settings.findExtras() && !stopped.get()) {
        if (!new ExtrasByCount(settings.segments())
            .settles(name, target, checked.sum(), found, sourceChanged)) {
          findExtras(name, keys, target, diffs, found);
        }
      }
      diffs.close();
      TableCheck result =
          new DiffRechecker(
                  source, retrier, target, settings.recheck().pauseFor(target), stopped, timing)
              .settle(name, checked.sum(), found, diffs.written());
      LOG.info(
          "[stage=check, table={}] checked={} missing={} different={} extra={}{}",
          name,
          result.checked(),
          result.missing(),
          result.different(),
          result.extra(),
          rate < 1.0 ? " (sampled)" : "");
      return result;
    }
  }

  /**
   * The pass over the target: its keys looked up on the source 100 per BatchGetItem, with up to
   * {@code segments} lookups in flight (the Scan of the target stays one stream, in key order).
   */
  private void findExtras(
      String name, KeySchema keys, Target target, DiffFiles.Writer diffs, LongAdder[] found)
      throws Exception {
    ExecutorService lookups =
        Executors.newFixedThreadPool(
            settings.segments(),
            new io.nimo.core.concurrent.NamedThreadFactory("nimo-check-extras-" + name));
    java.util.ArrayDeque<Future<?>> inFlight = new java.util.ArrayDeque<>();
    try (Stream<Map<String, AttributeValue>> all = target.scan()) {
      Iterator<Map<String, AttributeValue>> items = all.iterator();
      Map<ItemKey, Map<String, AttributeValue>> chunk = new LinkedHashMap<>();
      while (!stopped.get() && items.hasNext()) {
        Map<String, AttributeValue> item = items.next();
        chunk.put(keys.keyOf(item), item);
        if (chunk.size() == SourceKeyReader.MAX_KEYS || !items.hasNext()) {
          Map<ItemKey, Map<String, AttributeValue>> sent = chunk;
          chunk = new LinkedHashMap<>();
          if (inFlight.size() >= 2 * settings.segments()) {
            inFlight.removeFirst().get();
          }
          inFlight.addLast(
              lookups.submit(
                  () -> {
                    for (ItemKey key :
                        sourceKeys.absent(name, keys, new ArrayList<>(sent.keySet()))) {
                      compare(null, key, sent.get(key), diffs, found);
                    }
                    return null;
                  }));
        }
      }
      while (!inFlight.isEmpty()) {
        inFlight.removeFirst().get();
      }
    } finally {
      lookups.shutdownNow();
    }
  }

  static void compare(
      Map<String, AttributeValue> src,
      ItemKey key,
      Map<String, AttributeValue> dst,
      DiffFiles.Writer diffs,
      LongAdder[] found) {
    difference(src, key, dst)
        .ifPresent(
            d -> {
              found[d.kind().ordinal()].increment();
              diffs.add(d);
            });
  }

  /**
   * How the target's copy of an item differs from the source's ({@code null} = absent on that
   * side).
   *
   * @return the difference, or empty if both agree (including both absent)
   */
  static java.util.Optional<Difference> difference(
      Map<String, AttributeValue> src, ItemKey key, Map<String, AttributeValue> dst) {
    if (src == null) {
      return dst == null
          ? java.util.Optional.empty()
          : java.util.Optional.of(new Difference(Difference.Kind.EXTRA, key, List.of()));
    }
    if (dst == null) {
      return java.util.Optional.of(new Difference(Difference.Kind.MISSING, key, List.of()));
    }
    if (ItemEquality.equal(src, dst)) {
      return java.util.Optional.empty();
    }
    TreeSet<String> names = new TreeSet<>(src.keySet());
    names.addAll(dst.keySet());
    names.removeIf(
        n ->
            src.containsKey(n) && dst.containsKey(n) && ItemEquality.equal(src.get(n), dst.get(n)));
    return java.util.Optional.of(
        new Difference(Difference.Kind.DIFFERENT, key, new ArrayList<>(names)));
  }

  /**
   * A progress line at most every {@link #PROGRESS_EVERY_MILLIS}, from whichever segment thread
   * comes first.
   */
  private void logProgress(String name, LongAdder checked, LongAdder[] found) {
    long now = timing.clock().millis();
    long last = lastProgress.get();
    if (now - last >= PROGRESS_EVERY_MILLIS && lastProgress.compareAndSet(last, now)) {
      long done = checked.sum();
      double perSecond = done * 1000.0 / Math.max(1, now - startMillis);
      // DescribeTable's ItemCount is refreshed about every 6 h: the ETA is an estimate
      String eta =
          expected > done && perSecond > 0
              ? java.time.Duration.ofSeconds((long) ((expected - done) / perSecond)).toString()
              : "-";
      LOG.info(
          "[stage=check, table={}] checked={} of ~{} ({} items/s, ETA {}) missing={} different={} so far",
          name,
          done,
          expected,
          Math.round(perSecond),
          eta.replace("PT", "").toLowerCase(java.util.Locale.ROOT),
          found[0].sum(),
          found[1].sum());
    }
  }

  /** Deterministic sampling by key, so a re-check looks at the same items. */
  private static boolean sampledOut(ItemKey key, double rate) {
    int h = key.toString().hashCode() * 0x9E3779B1;
    return (h >>> 8) / (double) (1 << 24) >= rate;
  }
}
