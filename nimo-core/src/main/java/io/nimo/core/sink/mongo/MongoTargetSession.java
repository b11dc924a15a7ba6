package io.nimo.core.sink.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.nimo.core.convert.ItemConverter;
import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetSession;
import org.bson.Document;

/** The tables of one job as collections of one MongoDB database; owns (closes) the client. */
final class MongoTargetSession implements TargetSession {
  private final MongoClient client;
  private final MongoDatabase db;
  private final ItemConverter<Document> converter;
  private final MongoTargetSettings settings;
  private final Retrier retrier;

  MongoTargetSession(
      MongoClient client,
      ItemConverter<Document> converter,
      MongoTargetSettings settings,
      Retrier retrier) {
    this.client = client;
    this.db = client.getDatabase(settings.database());
    this.converter = converter;
    this.settings = settings;
    this.retrier = retrier;
  }

  @Override
  public Target table(String name, KeySchema keys) {
    return new MongoTarget(
        name, keys, client.getDatabase("admin"), db, converter, settings, retrier);
  }

  @Override
  public void close() {
    client.close();
  }
}
