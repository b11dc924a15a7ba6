package io.nimo.core.check;

import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.Timing;
import io.nimo.core.sink.Target;
import io.nimo.core.source.SourceTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Checks one table in {@code mode = changed}: the keys changed since its usable {@link CheckEpoch},
 * each read from the source (BatchGetItem, strongly consistent) and the target ({@link
 * Target#readAll}), 100 at a time, and compared both ways, so a key deleted on the source and still
 * on the target is an extra. Writes the same diff report as a full pass; differences are rechecked
 * after {@code recheck_after} like a live full check's.
 */
final class ChangedTableChecker {
  private static final Logger LOG = LoggerFactory.getLogger(ChangedTableChecker.class);
  private final DynamoApi source;
  private final Retrier retrier;
  private final ChangedKeyReader changes;
  private final CheckSettings settings;
  private final AtomicBoolean stopped;
  private final Timing timing;

  ChangedTableChecker(
      DynamoApi source,
      Retrier retrier,
      ChangedKeyReader changes,
      CheckSettings settings,
      AtomicBoolean stopped,
      Timing timing) {
    this.source = source;
    this.retrier = retrier;
    this.changes = changes;
    this.settings = settings;
    this.stopped = stopped;
    this.timing = timing;
  }

  TableCheck check(SourceTable table, CheckEpoch epoch, Target target) throws Exception {
    String name = table.name();
    KeySchema keys = table.keySchema();
    long began = timing.clock().millis();
    List<ItemKey> changed = new ArrayList<>(changes.changedSince(epoch, keys));
    long read = timing.clock().millis();
    LOG.info(
        "[stage=check, table={}] {} key(s) changed since the epoch of {} (stream read in {} ms)",
        name,
        changed.size(),
        epoch.startedAt(),
        read - began);
    SourceKeyReader sourceItems = new SourceKeyReader(source, retrier);
    LongAdder[] found = {new LongAdder(), new LongAdder(), new LongAdder()};
    Path file = DiffFiles.of(settings.diffDirectory(), name);
    long checked = 0;
    TableCheck result;
    try (DiffFiles.Writer diffs = new DiffFiles.Writer(file)) {
      java.nio.file.Files.deleteIfExists(file);
      for (int from = 0;
          from < changed.size() && !stopped.get();
          from += SourceKeyReader.MAX_KEYS) {
        List<ItemKey> chunk =
            changed.subList(from, Math.min(changed.size(), from + SourceKeyReader.MAX_KEYS));
        Map<ItemKey, Map<String, AttributeValue>> src = sourceItems.items(name, chunk);
        Map<ItemKey, Map<String, AttributeValue>> dst = target.readAll(chunk);
        for (ItemKey k : chunk) {
          TableChecker.compare(src.get(k), k, dst.get(k), diffs, found);
        }
        checked += chunk.size();
      }
      diffs.close();
      result =
          new DiffRechecker(
                  source, retrier, target, settings.recheck().pauseFor(target), stopped, timing)
              .settle(name, checked, found, diffs.written());
    }
    LOG.info(
        "[stage=check, table={}] mode=changed checked={} missing={} different={} extra={} in {} ms",
        name,
        result.checked(),
        result.missing(),
        result.different(),
        result.extra(),
        timing.clock().millis() - began);
    return result;
  }
}
