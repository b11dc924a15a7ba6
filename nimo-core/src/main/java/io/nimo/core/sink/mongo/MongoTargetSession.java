package io.nimo.core.sink.mongo;

import com.mongodb.client.MongoDatabase;
import io.nimo.core.convert.ItemConverter;
import io.nimo.core.item.KeySchema;
import io.nimo.core.mongo.MongoEndpoint;
import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetSession;
import org.bson.Document;

/**
 * The tables of one job as collections of one MongoDB database; releases its lease on the process's
 * shared client when closed.
 */
final class MongoTargetSession implements TargetSession {
  private final MongoEndpoint.Connection connection;
  private final MongoDatabase db;
  private final ItemConverter<Document> converter;
  private final MongoTargetSettings settings;
  private final Retrier retrier;

  MongoTargetSession(
      MongoEndpoint.Connection connection,
      ItemConverter<Document> converter,
      MongoTargetSettings settings,
      Retrier retrier) {
    this.connection = connection;
    this.db = connection.client().getDatabase(settings.database());
    this.converter = converter;
    this.settings = settings;
    this.retrier = retrier;
  }

  @Override
  public Target table(String name, KeySchema keys) {
    return new MongoTarget(
        name, keys, connection.client().getDatabase("admin"), db, converter, settings, retrier);
  }

  @Override
  public void close() {
    connection.close();
  }
}
