package io.nimo.core.sink.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.config.ExistPolicy;
import io.nimo.core.convert.ExactBsonConverter;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import io.nimo.core.mongo.MongoErrorClassifier;
import io.nimo.core.retry.Retrier;
import io.nimo.core.retry.RetryPolicy;
import io.nimo.core.retry.Sleeper;
import io.nimo.core.sink.ItemWriteException;
import io.nimo.core.sink.Target;
import io.nimo.core.testkit.MongoLocal;
import io.nimo.core.testkit.NoHashedIndexes;
import io.nimo.core.testkit.TestItems;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** full.executor.insert_on_dup_update decides what a full-sync insert of an existing key does. */
class MongoTargetIT {
  private static final KeySchema KEYS = new KeySchema("id", null);

  private static Target target(MongoLocal mongo, boolean replaceDuplicates) {
    return target(mongo, new MongoTargetSettings("dups", false, false, replaceDuplicates));
  }

  private static Target target(MongoLocal mongo, MongoTargetSettings settings) {
    Retrier retrier =
        new Retrier(
            RetryPolicy.of(Duration.ofMillis(50), Duration.ofSeconds(5)),
            new MongoErrorClassifier(),
            Clock.systemUTC(),
            Sleeper.SYSTEM);
    return new MongoTargetSession(
            new io.nimo.core.mongo.MongoEndpoint(mongo.uri(), 4).connect(),
            new ExactBsonConverter("pre"),
            settings,
            retrier)
        .table("t", KEYS);
  }

  private static TableSchema table() {
    return TableSchema.of("t", new KeySchema("id", null), Map.of("id", KeyAttributeType.S));
  }

  private static Map<String, AttributeValue> item(String v) {
    return Map.of("id", TestItems.s("k1"), "v", TestItems.s(v));
  }

  @Test
  void aServerWithoutHashedIndexesKeepsAReplicaSetTableGoingButStopsAShardedOne() {
    try (MongoLocal mongo = MongoLocal.start(new NoHashedIndexes())) {
      Target replica = target(mongo, new MongoTargetSettings("nohash", false, false, true));
      assertThat(replica.prepare(table(), ExistPolicy.FAIL).notes())
          .anySatisfy(
              n ->
                  assertThat(n)
                      .contains("no hashed index on id")
                      .contains("code " + NoHashedIndexes.CANNOT_CREATE_INDEX));
      List<String> indexes = new ArrayList<>();
      mongo
          .client()
          .getDatabase("nohash")
          .getCollection("t")
          .listIndexes()
          .forEach(ix -> indexes.add(ix.getString("name")));
      assertThat(indexes).contains("primary").doesNotContain("partition_hashed");
      replica.writeBatch(List.of(item("stored")));
      assertThat(replica.read(KEYS.keyOf(item("x"))).orElseThrow().get("v").s())
          .isEqualTo("stored");

      // a sharded collection's shard key is that index: no way on without it
      Target sharded = target(mongo, new MongoTargetSettings("nohash_sharded", true, false, true));
      assertThatThrownBy(() -> sharded.prepare(table(), ExistPolicy.FAIL))
          .hasStackTraceContaining("hashed indexes are not supported");
    }
  }

  @Test
  void aDuplicateKeyIsReplacedWhenAllowedAndNamedWhenNot() {
    try (MongoLocal mongo = MongoLocal.start()) {
      Target replacing = target(mongo, true);
      replacing.prepare(table(), ExistPolicy.FAIL);
      replacing.writeBatch(List.of(item("first")));
      assertThat(
              replacing
                  .writeBatch(List.of(item("second"), Map.of("id", TestItems.s("k2"))))
                  .retried())
          .isEqualTo(1);
      assertThat(replacing.read(KEYS.keyOf(item("x"))).orElseThrow().get("v").s())
          .isEqualTo("second");

      Target strict = target(mongo, false);
      assertThatThrownBy(() -> strict.writeBatch(List.of(item("third"))))
          .isInstanceOf(ItemWriteException.class)
          .hasMessageContaining("k1")
          .hasMessageContaining("insert_on_dup_update is false");
      assertThat(strict.read(KEYS.keyOf(item("x"))).orElseThrow().get("v").s()).isEqualTo("second");
    }
  }

  @Test
  void readAllPairsADocumentWhoseKeyAnotherWriterStoredInAnotherNumericType() {
    try (MongoLocal mongo = MongoLocal.start()) {
      Target t = target(mongo, new MongoTargetSettings("numeric", false, false, true));
      t.prepare(table(), ExistPolicy.FAIL);
      t.writeBatch(List.of(Map.of("id", TestItems.n("1"), "v", TestItems.s("ours"))));
      // an application wrote this one: the key as an int32, where exact writes a Decimal128
      mongo
          .client()
          .getDatabase("numeric")
          .getCollection("t")
          .insertOne(new org.bson.Document("id", 2).append("v", "theirs"));
      var one = KEYS.keyOf(Map.of("id", TestItems.n("1")));
      var two = KEYS.keyOf(Map.of("id", TestItems.n("2")));
      var three = KEYS.keyOf(Map.of("id", TestItems.n("3")));

      var found = t.readAll(List.of(one, two, three));

      assertThat(found).containsOnlyKeys(one, two);
      assertThat(found.get(one).get("v").s()).isEqualTo("ours");
      assertThat(found.get(two).get("v").s()).isEqualTo("theirs");
      assertThat(found.get(two).get("id").n()).isEqualTo("2");
    }
  }
}
