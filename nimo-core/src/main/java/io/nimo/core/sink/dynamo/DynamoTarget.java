package io.nimo.core.sink.dynamo;

import io.nimo.core.config.ExistPolicy;
import io.nimo.core.dynamo.BatchItemReader;
import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.dynamo.DynamoErrorClassifier;
import io.nimo.core.dynamo.ReadConsistency;
import io.nimo.core.dynamo.TableChange;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.TableSchema;
import io.nimo.core.retry.ErrorClass;
import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.PrepareResult;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetTableExistsException;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.ChangeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A table on a DynamoDB-API endpoint (PolarDB-DDB, AWS DynamoDB, the Alibaba proxy). */
final class DynamoTarget implements Target {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoTarget.class);
  private static final DynamoErrorClassifier CLASSIFIER = new DynamoErrorClassifier();

  private final String name;
  private final DynamoClient api;
  private final Retrier retrier;
  private final TableWaiter waiter;
  private final boolean withIndexes;
  private volatile DynamoBatchWriter writer;
  private final ExecutorService chunkWriters;
  private final ReadConsistency reads;

  DynamoTarget(
      String name,
      DynamoClient api,
      Retrier retrier,
      TableWaiter waiter,
      boolean withIndexes,
      ExecutorService chunkWriters,
      ReadConsistency reads) {
    this.reads = reads;
    this.chunkWriters = chunkWriters;
    this.name = name;
    this.api = api;
    this.retrier = retrier;
    this.waiter = waiter;
    this.withIndexes = withIndexes;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean strongReads() {
    return reads.strong();
  }

  @Override
  public PrepareResult prepare(TableSchema source, ExistPolicy policy) {
    boolean dropped = false;
    if (waiter.describe(name).isPresent()) {
      if (policy == ExistPolicy.RENAME) {
        // validated away for this target; kept as a guard for embedders that pass it in code
        throw new IllegalArgumentException(
            "target table " + name + " exists and a DynamoDB-API target cannot rename a table");
      }
      if (policy != ExistPolicy.DROP) {
        throw new TargetTableExistsException(name);
      }
      LOG.info("target table {} exists; dropping it to create it anew", name);
      retrier.call(
          "DeleteTable " + name,
          () -> {
            api.deleteTable(name);
            return null;
          });
      waiter.awaitDeleted(name);
      dropped = true;
    }
    List<String> notes = new ArrayList<>();
    create(source, notes);
    waiter.awaitActive(name);
    if (source.ttlAttribute() != null) {
      enableTtl(source.ttlAttribute(), notes);
    }
    LOG.info(
        "target table {} created (hash {}{}, {} GSI, {} LSI)",
        name,
        source.key().hashKey(),
        source.key().rangeKey() == null ? "" : ", range " + source.key().rangeKey(),
        withIndexes ? source.globalIndexes().size() : 0,
        withIndexes ? source.localIndexes().size() : 0);
    return new PrepareResult(dropped, notes);
  }

  private void create(TableSchema source, List<String> notes) {
    TableSchema schema =
        withIndexes
            ? IndexProjections.withoutKeyAttributes(source, notes)
            : source.withoutIndexes();
    try {
      createTable(schema);
    } catch (RuntimeException e) {
      if (schema.onDemand() || !(CLASSIFIER.classify(e) instanceof ErrorClass.Fatal)) {
        throw e;
      }
      // some DynamoDB-compatible endpoints accept only on-demand tables
      String note =
          "provisioned capacity refused (" + e.getMessage() + "); created as PAY_PER_REQUEST";
      LOG.warn("table {}: {}", name, note);
      notes.add(note);
      createTable(schema.asOnDemand());
    }
  }

  private void createTable(TableSchema schema) {
    TableSchema named =
        new TableSchema(
            name,
            schema.key(),
            schema.attributeTypes(),
            schema.globalIndexes(),
            schema.localIndexes(),
            schema.capacity(),
            null);
    retrier.call(
        "CreateTable " + name,
        () -> {
          api.createTable(named);
          return null;
        });
  }

  private void enableTtl(String attribute, List<String> notes) {
    try {
      retrier.call(
          "UpdateTimeToLive " + name,
          () -> {
            api.updateTable(name, new TableChange.EnableTtl(attribute));
            return null;
          });
    } catch (RuntimeException e) {
      String note =
          "TTL on '"
              + attribute
              + "' not accepted by the target ("
              + e.getMessage()
              + "); expired items will not be removed by the target";
      LOG.warn("table {}: {}", name, note);
      notes.add(note);
    }
  }

  @Override
  public WriteResult writeBatch(List<Map<String, AttributeValue>> items) {
    if (items.isEmpty()) {
      return WriteResult.EMPTY;
    }
    return writer().write(items);
  }

  @Override
  public WriteResult apply(List<ChangeEvent> events) {
    if (events.isEmpty()) {
      return WriteResult.EMPTY;
    }
    return writer().apply(events);
  }

  private DynamoBatchWriter writer() {
    DynamoBatchWriter w = writer;
    if (w == null) {
      synchronized (this) {
        if (writer == null) {
          var keys =
              retrier.call("DescribeTable " + name, () -> api.describeTable(name)).schema().key();
          writer = new DynamoBatchWriter(api, retrier, name, keys, chunkWriters);
        }
        w = writer;
      }
    }
    return w;
  }

  @Override
  public Optional<Map<String, AttributeValue>> read(ItemKey key) {
    Map<String, AttributeValue> item =
        retrier.call("GetItem " + name + " {" + key + "}", () -> api.getItem(name, key.values()));
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  @Override
  public Map<ItemKey, Map<String, AttributeValue>> readAll(List<ItemKey> keys) {
    return new BatchItemReader(api, retrier, true).read(name, keys);
  }

  @Override
  public Stream<Map<String, AttributeValue>> scan() {
    return new DynamoTableStream(api, retrier, name).stream();
  }

  @Override
  public long count(int parallelism) {
    return new DynamoTableCounter(api, retrier, name).count(parallelism);
  }
}
