package io.nimo.core.sink.dynamo;

import io.nimo.core.dynamo.BatchItemReader;
import io.nimo.core.dynamo.DynamoApi;
import io.nimo.core.dynamo.DynamoErrorClassifier;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.ErrorClass;
import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.ExistPolicy;
import io.nimo.core.sink.PrepareResult;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetTableExistsException;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.source.SourceTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/** A table on a DynamoDB-API endpoint (PolarDB-DDB, AWS DynamoDB, the Alibaba proxy). */
final class DynamoTarget implements Target {
  private static final Logger LOG = LoggerFactory.getLogger(DynamoTarget.class);
  private static final DynamoErrorClassifier CLASSIFIER = new DynamoErrorClassifier();

  private final String name;
  private final DynamoApi api;
  private final Retrier retrier;
  private final TableWaiter waiter;
  private final boolean withIndexes;
  private volatile DynamoBatchWriter writer;
  private final ExecutorService chunkWriters;

  DynamoTarget(
      String name,
      DynamoApi api,
      Retrier retrier,
      TableWaiter waiter,
      boolean withIndexes,
      ExecutorService chunkWriters) {
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
  public PrepareResult prepare(SourceTable source, ExistPolicy policy) {
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
        source.keySchema().hashKey(),
        source.keySchema().rangeKey() == null ? "" : ", range " + source.keySchema().rangeKey(),
        withIndexes ? count(source.description().globalSecondaryIndexes()) : 0,
        withIndexes ? count(source.description().localSecondaryIndexes()) : 0);
    return new PrepareResult(dropped, notes);
  }

  private void create(SourceTable source, List<String> notes) {
    boolean onDemand = TableSchemaMapper.isPayPerRequest(source.description());
    CreateTableRequest request =
        TableSchemaMapper.toCreateRequest(source.description(), withIndexes, onDemand);
    try {
      retrier.call("CreateTable " + name, () -> api.createTable(request));
    } catch (RuntimeException e) {
      if (onDemand || !(CLASSIFIER.classify(e) instanceof ErrorClass.Fatal)) {
        throw e;
      }
      // some DynamoDB-compatible endpoints accept only on-demand tables
      String note =
          "provisioned capacity refused (" + e.getMessage() + "); created as PAY_PER_REQUEST";
      LOG.warn("table {}: {}", name, note);
      notes.add(note);
      CreateTableRequest onDemandRequest =
          TableSchemaMapper.toCreateRequest(source.description(), withIndexes, true);
      retrier.call("CreateTable " + name, () -> api.createTable(onDemandRequest));
    }
  }

  private void enableTtl(String attribute, List<String> notes) {
    try {
      retrier.call(
          "UpdateTimeToLive " + name,
          () -> {
            api.enableTimeToLive(name, attribute);
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
              KeySchema.of(retrier.call("DescribeTable " + name, () -> api.describeTable(name)));
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
    return new BatchItemReader(api, retrier).read(name, keys);
  }

  @Override
  public Stream<Map<String, AttributeValue>> scan() {
    return new DynamoTableStream(api, retrier, name).stream();
  }

  private static int count(List<?> list) {
    return list == null ? 0 : list.size();
  }
}
