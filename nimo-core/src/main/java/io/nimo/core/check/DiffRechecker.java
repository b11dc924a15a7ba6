package io.nimo.core.check;

import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.Timing;
import io.nimo.core.sink.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Compares the differences of a first pass once more after a pause, reading both sides again by
 * key, and keeps only those that persist. While the incremental sync runs, an item written on the
 * source just before the check read it may not have reached the target yet: the recheck lets it.
 */
final class DiffRechecker {
  private static final Logger LOG = LoggerFactory.getLogger(DiffRechecker.class);
  private final DynamoApi source;
  private final Retrier retrier;
  private final Target target;
  private final Duration after;
  private final AtomicBoolean stopped;
  private final Timing timing;

  DiffRechecker(
      DynamoApi source,
      Retrier retrier,
      Target target,
      Duration after,
      AtomicBoolean stopped,
      Timing timing) {
    this.timing = timing;
    this.source = source;
    this.retrier = retrier;
    this.target = target;
    this.after = after;
    this.stopped = stopped;
  }

  /**
   * The table's result from what a pass found, compared once more after the pause when it found
   * differences (and the pause is not zero).
   */
  TableCheck settle(String table, long checked, LongAdder[] found, Path diffFile)
      throws IOException, InterruptedException {
    TableCheck first =
        new TableCheck(
            table,
            checked,
            found[0].sum(),
            found[1].sum(),
            found[2].sum(),
            diffFile,
            stopped.get() ? "stopped before the table was fully checked" : null);
    return first.diffFile() != null && !after.isZero() && !stopped.get() ? recheck(first) : first;
  }

  TableCheck recheck(TableCheck first) throws IOException, InterruptedException {
    String table = first.table();
    List<Difference> listed = DiffFiles.read(first.diffFile());
    LOG.info(
        "[stage=check, table={}] {} difference(s); comparing them again in {}",
        table,
        listed.size(),
        after);
    long deadline = timing.clock().millis() + after.toMillis();
    while (timing.clock().millis() < deadline && !stopped.get()) {
      timing
          .sleeper()
          .sleep(Duration.ofMillis(Math.min(200, Math.max(1, deadline - timing.clock().millis()))));
    }
    if (stopped.get()) {
      return first;
    }
    Path fresh = first.diffFile().resolveSibling(first.diffFile().getFileName() + ".recheck");
    long[] found = new long[3];
    try (DiffFiles.Writer out = new DiffFiles.Writer(fresh, true)) {
      for (Difference d : listed) {
        Map<String, AttributeValue> src =
            retrier.call(
                "GetItem " + table + " {" + d.key() + "}",
                () -> source.getItem(table, d.key().values()));
        Map<String, AttributeValue> dst = target.read(d.key()).orElse(null);
        TableChecker.difference(src == null || src.isEmpty() ? null : src, d.key(), dst)
            .ifPresent(
                again -> {
                  found[again.kind().ordinal()]++;
                  out.add(again);
                });
      }
      out.close();
      Files.deleteIfExists(first.diffFile());
      Path kept =
          out.written() == null
              ? null
              : Files.move(fresh, first.diffFile(), StandardCopyOption.REPLACE_EXISTING);
      long left = found[0] + found[1] + found[2];
      LOG.info(
          "[stage=check, table={}] recheck: {} of {} difference(s) persist, {} were not yet visible"
              + " on the target",
          table,
          left,
          listed.size(),
          listed.size() - left);
      return new TableCheck(
          table,
          first.checked(),
          found[0],
          found[1],
          found[2],
          kept,
          null,
          listed.size(),
          listed.size() - left);
    }
  }
}
