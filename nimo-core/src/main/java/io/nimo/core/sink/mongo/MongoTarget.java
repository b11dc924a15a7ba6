package io.nimo.core.sink.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoNamespace;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.nimo.core.config.ExistPolicy;
import io.nimo.core.convert.ItemConverter;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import io.nimo.core.mongo.MongoErrorClassifier;
import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.ItemWriteException;
import io.nimo.core.sink.KeyFold;
import io.nimo.core.sink.PrepareResult;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetTableExistsException;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.ChangeEvent;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One table as a MongoDB collection of {@code <id>.<table>}, documents in the converter's shape.
 * Full-sync batches are unordered {@code insertMany}s (a duplicate key becomes a replace of that
 * document with {@code full.executor.insert_on_dup_update}); stream changes are an ordered bulk of
 * replace-upserts and deletes by key, folded per key (last wins). Thread-safe.
 */
final class MongoTarget implements Target {
  private static final Logger LOG = LoggerFactory.getLogger(MongoTarget.class);

  /** Keys per {@code find} in {@link #readAll}: a Scan page (128 by default) in one or two. */
  private static final int READ_BATCH = 100;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

  private final String name;
  private final KeySchema keys;
  private final MongoDatabase db;
  private final MongoDatabase admin;
  private final MongoCollection<Document> coll;
  private final ItemConverter<Document> converter;
  private final MongoTargetSettings settings;
  private final Retrier retrier;
  private final Clock clock;

  MongoTarget(
      String name,
      KeySchema keys,
      MongoDatabase admin,
      MongoDatabase db,
      ItemConverter<Document> converter,
      MongoTargetSettings settings,
      Retrier retrier) {
    this.name = name;
    this.keys = keys;
    this.db = db;
    this.admin = admin;
    this.coll = db.getCollection(name);
    this.converter = converter;
    this.settings = settings;
    this.retrier = retrier;
    this.clock = retrier.clock();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PrepareResult prepare(TableSchema source, ExistPolicy policy) {
    boolean exists =
        retrier.call(
            "listCollections " + settings.database(),
            () -> db.listCollectionNames().into(new ArrayList<>()).contains(name));
    boolean dropped = false;
    List<String> notes = new ArrayList<>();
    if (exists) {
      switch (policy) {
        case FAIL -> throw new TargetTableExistsException(settings.database() + "." + name);
        case DROP -> {
          LOG.info("collection {}.{} exists; dropping it", settings.database(), name);
          retrier.call(
              "drop " + name,
              () -> {
                coll.drop();
                return null;
              });
          dropped = true;
        }
        case RENAME -> {
          String kept = name + "_" + STAMP.format(clock.instant());
          LOG.info("collection {}.{} exists; renaming it to {}", settings.database(), name, kept);
          retrier.call(
              "renameCollection " + name,
              () -> {
                coll.renameCollection(new MongoNamespace(settings.database(), kept));
                return null;
              });
          notes.add("the existing collection was renamed to " + kept);
        }
      }
    }
    retrier.call(
        "createCollection " + name,
        () -> {
          db.createCollection(name);
          return null;
        });
    notes.addAll(
        retrier.call(
            "createIndexes " + name,
            () -> MongoIndexes.create(admin, db, coll, source, keys, converter, settings)));
    LOG.info("collection {}.{} ready (key {})", settings.database(), name, keys);
    return new PrepareResult(dropped, notes);
  }

  @Override
  public WriteResult writeBatch(List<Map<String, AttributeValue>> items) {
    Map<ItemKey, Map<String, AttributeValue>> unique =
        KeyFold.lastPerKey(items, keys::keyOf, item -> item);
    long dedup = items.size() - unique.size();
    List<ItemKey> order = new ArrayList<>(unique.keySet());
    List<Document> docs = new ArrayList<>(unique.size());
    unique.forEach((key, item) -> docs.add(toDocument(key, item)));
    try {
      retrier.call(
          "insertMany " + name,
          () -> {
            coll.insertMany(docs, new InsertManyOptions().ordered(false));
            return null;
          });
      return new WriteResult(docs.size(), 0, dedup);
    } catch (MongoBulkWriteException e) {
      return replaceDuplicates(e, order, docs, dedup);
    }
  }

  /** The inserts that hit an existing key are replaced (or refused); others were stored. */
  private WriteResult replaceDuplicates(
      MongoBulkWriteException e, List<ItemKey> order, List<Document> docs, long dedup) {
    List<WriteModel<Document>> replaces = new ArrayList<>();
    for (BulkWriteError err : e.getWriteErrors()) {
      ItemKey key = order.get(err.getIndex());
      if (err.getCode() != MongoErrorClassifier.DUPLICATE_KEY) {
        throw new ItemWriteException(name, key, e);
      }
      if (!settings.replaceDuplicates()) {
        throw new ItemWriteException(
            name,
            key,
            new IllegalStateException(
                "the key exists on the target and full.executor.insert_on_dup_update is false"));
      }
      Document doc = docs.get(err.getIndex());
      // insertMany gave it a fresh ObjectId; the existing document keeps its own
      doc.remove("_id");
      replaces.add(new ReplaceOneModel<>(filter(key), doc, upsert()));
    }
    retrier.call("replace duplicates " + name, () -> coll.bulkWrite(replaces));
    return new WriteResult(docs.size(), replaces.size(), dedup);
  }

  @Override
  public WriteResult apply(List<ChangeEvent> events) {
    if (events.isEmpty()) {
      return WriteResult.EMPTY;
    }
    Map<ItemKey, ChangeEvent> unique = KeyFold.lastPerKey(events, ChangeEvent::key, e -> e);
    List<ItemKey> order = new ArrayList<>(unique.keySet());
    List<WriteModel<Document>> models = new ArrayList<>(unique.size());
    for (ChangeEvent e : unique.values()) {
      models.add(
          e.kind() == ChangeEvent.Kind.REMOVE
              ? new DeleteOneModel<>(filter(e.key()))
              : new ReplaceOneModel<>(
                  filter(e.key()), toDocument(e.key(), e.newImage()), upsert()));
    }
    try {
      retrier.call(
          "bulkWrite " + name, () -> coll.bulkWrite(models, new BulkWriteOptions().ordered(true)));
    } catch (MongoBulkWriteException e) {
      BulkWriteError first = e.getWriteErrors().get(0);
      throw new ItemWriteException(name, order.get(first.getIndex()), e);
    }
    return new WriteResult(models.size(), 0, events.size() - models.size());
  }

  @Override
  public Optional<Map<String, AttributeValue>> read(ItemKey key) {
    Document d = retrier.call("find " + name, () -> coll.find(filter(key)).first());
    return Optional.ofNullable(d).map(converter::toItem);
  }

  /**
   * One {@code find} with an {@code $or} of up to {@value #READ_BATCH} keys per call. Documents are
   * paired with the keys asked for by their key fields as the converter writes them; a key whose
   * document came back in another form (written by something else) is read alone.
   */
  @Override
  public Map<ItemKey, Map<String, AttributeValue>> readAll(List<ItemKey> wanted) {
    Map<ItemKey, Map<String, AttributeValue>> found = new HashMap<>();
    for (int from = 0; from < wanted.size(); from += READ_BATCH) {
      List<ItemKey> batch = wanted.subList(from, Math.min(wanted.size(), from + READ_BATCH));
      Map<List<Object>, ItemKey> asked = new HashMap<>();
      List<Bson> filters = new ArrayList<>();
      for (ItemKey key : batch) {
        asked.put(targetKey(key), key);
        filters.add(filter(key));
      }
      Bson query = filters.size() == 1 ? filters.get(0) : Filters.or(filters);
      List<Document> docs =
          retrier.call("find " + name, () -> coll.find(query).into(new ArrayList<>()));
      boolean unpaired = false;
      for (Document d : docs) {
        ItemKey key = asked.get(keyFields(d));
        if (key == null) {
          unpaired = true;
        } else {
          found.put(key, converter.toItem(d));
        }
      }
      if (unpaired) {
        for (ItemKey key : batch) {
          if (!found.containsKey(key)) {
            read(key).ifPresent(item -> found.put(key, item));
          }
        }
      }
    }
    return found;
  }

  private List<Object> targetKey(ItemKey key) {
    List<Object> values = new ArrayList<>(2);
    values.add(converter.toTargetValue(key.values().get(keys.hashKey())));
    if (keys.rangeKey() != null) {
      values.add(converter.toTargetValue(key.values().get(keys.rangeKey())));
    }
    return values;
  }

  private List<Object> keyFields(Document d) {
    List<Object> values = new ArrayList<>(2);
    values.add(d.get(converter.fieldName(keys.hashKey())));
    if (keys.rangeKey() != null) {
      values.add(d.get(converter.fieldName(keys.rangeKey())));
    }
    return values;
  }

  @Override
  public long count(int parallelism) {
    return retrier.call("countDocuments " + name, () -> coll.countDocuments());
  }

  @Override
  public Stream<Map<String, AttributeValue>> scan() {
    var cursor = coll.find().iterator();
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor, 0), false)
        .map(converter::toItem)
        .onClose(cursor::close);
  }

  private Document toDocument(ItemKey key, Map<String, AttributeValue> item) {
    try {
      return converter.toTarget(item);
    } catch (IllegalArgumentException e) {
      throw new ItemWriteException(name, key, e);
    }
  }

  private Bson filter(ItemKey key) {
    List<Bson> parts = new ArrayList<>();
    key.values()
        .forEach(
            (attr, value) ->
                parts.add(Filters.eq(converter.fieldName(attr), converter.toTargetValue(value))));
    return parts.size() == 1 ? parts.get(0) : Filters.and(parts);
  }

  private static ReplaceOptions upsert() {
    return new ReplaceOptions().upsert(true);
  }
}
