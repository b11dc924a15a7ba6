package io.nimo.core.sink.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.nimo.core.convert.ItemConverter;
import io.nimo.core.item.IndexSchema;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import io.nimo.core.mongo.MongoErrorClassifier;
import io.nimo.core.retry.ErrorClass;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexes of a table's collection, as the guide describes them: a unique index on the primary
 * key (hash, or hash + range), a hashed index on the partition key, and with {@code
 * full.enable_index.user} one index per GSI and LSI. A sharded collection is then sharded on {@code
 * {partitionKey: "hashed"}}; "already enabled/sharded" answers are tolerated.
 *
 * <p>Servers that speak the protocol without hashed indexes (Amazon DocumentDB, FerretDB) refuse
 * the hashed index. On a replica set that refusal is logged and noted and the table goes on: the
 * hashed index only serves equality lookups by partition key, which the unique primary-key index,
 * whose first field that key is, serves too. On a sharded cluster, whose shard key it is, and for a
 * transient or authorisation error, the refusal stops the table.
 */
final class MongoIndexes {
  private static final Logger LOG = LoggerFactory.getLogger(MongoIndexes.class);
  private static final MongoErrorClassifier CLASSIFIER = new MongoErrorClassifier();
  private static final int UNAUTHORIZED = 13;

  private MongoIndexes() {}

  static List<String> create(
      MongoDatabase admin,
      MongoDatabase db,
      MongoCollection<Document> coll,
      TableSchema table,
      KeySchema keys,
      ItemConverter<Document> converter,
      MongoTargetSettings settings) {
    List<String> notes = new ArrayList<>();
    String hash = converter.fieldName(keys.hashKey());
    if (keys.rangeKey() == null) {
      coll.createIndex(Indexes.ascending(hash), new IndexOptions().unique(true).name("primary"));
    } else {
      coll.createIndex(
          Indexes.ascending(hash, converter.fieldName(keys.rangeKey())),
          new IndexOptions().unique(true).name("primary"));
    }
    createHashedIndex(coll, hash, settings, notes);
    if (settings.userIndexes()) {
      for (IndexSchema g : table.globalIndexes()) {
        coll.createIndex(fields(g.key(), converter), new IndexOptions().name("gsi_" + g.name()));
      }
      for (IndexSchema l : table.localIndexes()) {
        coll.createIndex(fields(l.key(), converter), new IndexOptions().name("lsi_" + l.name()));
      }
      int n = table.globalIndexes().size() + table.localIndexes().size();
      if (n > 0) {
        notes.add(n + " secondary index(es) created (projections do not apply to MongoDB)");
      }
    }
    if (settings.sharded()) {
      shard(admin, db.getName(), coll.getNamespace().getCollectionName(), hash);
      notes.add("sharded on {" + hash + ": hashed}");
    }
    return notes;
  }

  private static void createHashedIndex(
      MongoCollection<Document> coll,
      String hash,
      MongoTargetSettings settings,
      List<String> notes) {
    try {
      coll.createIndex(Indexes.hashed(hash), new IndexOptions().name("partition_hashed"));
    } catch (MongoCommandException e) {
      if (settings.sharded()
          || e.getErrorCode() == UNAUTHORIZED
          || CLASSIFIER.classify(e) instanceof ErrorClass.Retriable) {
        throw e;
      }
      LOG.warn(
          "collection {}: the server refused the hashed index on {} (code {}: {}); lookups by "
              + "partition key use the unique primary-key index instead",
          coll.getNamespace(),
          hash,
          e.getErrorCode(),
          e.getErrorMessage());
      notes.add(
          "no hashed index on "
              + hash
              + ": the server refused it (code "
              + e.getErrorCode()
              + "); the primary-key index serves lookups by partition key");
    }
  }

  private static Bson fields(KeySchema key, ItemConverter<Document> converter) {
    List<Bson> parts = new ArrayList<>();
    for (String attribute : key.attributes()) {
      parts.add(Indexes.ascending(converter.fieldName(attribute)));
    }
    return parts.size() == 1 ? parts.get(0) : Indexes.compoundIndex(parts);
  }

  private static void shard(
      MongoDatabase admin, String dbName, String collection, String hashField) {
    runTolerating(
        admin,
        new Document("enableSharding", dbName),
        "already enabled",
        "enableSharding " + dbName);
    runTolerating(
        admin,
        new Document("shardCollection", dbName + "." + collection)
            .append("key", new Document(hashField, "hashed")),
        "already sharded",
        "shardCollection " + dbName + "." + collection);
  }

  private static void runTolerating(
      MongoDatabase db, Document command, String tolerated, String what) {
    try {
      db.runCommand(command);
      LOG.info("{}: done", what);
    } catch (MongoCommandException e) {
      if (e.getErrorMessage() != null && e.getErrorMessage().contains(tolerated)) {
        LOG.info("{}: {}", what, e.getErrorMessage());
        return;
      }
      throw e;
    }
  }
}
