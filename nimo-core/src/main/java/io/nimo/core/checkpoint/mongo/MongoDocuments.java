package io.nimo.core.checkpoint.mongo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.nimo.core.checkpoint.CheckpointDocuments;
import io.nimo.core.retry.Retrier;
import java.util.Optional;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The checkpoint documents as MongoDB collections of one database, as the original lays them out: a
 * collection per document name ({@code status_table}, {@code full.<table>}, {@code incr.<table>}),
 * each holding one document {@code {_id: "checkpoint", ...}} with the same fields as the file
 * store's JSON. A write is one replace-upsert, atomic for that document.
 */
final class MongoDocuments implements CheckpointDocuments {
  private static final String ID = "checkpoint";
  private static final JsonWriterSettings JSON =
      JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
  private final MongoDatabase db;
  private final Retrier retrier;
  private final String label;

  MongoDocuments(MongoDatabase db, Retrier retrier, String label) {
    this.db = db;
    this.retrier = retrier;
    this.label = label;
  }

  @Override
  public Optional<String> read(String name) {
    Document d =
        retrier.call(
            "read checkpoint " + name,
            () -> db.getCollection(name).find(Filters.eq("_id", ID)).first());
    if (d == null) {
      return Optional.empty();
    }
    d.remove("_id");
    return Optional.of(d.toJson(JSON));
  }

  @Override
  public void write(String name, String json) {
    Document d = Document.parse(json).append("_id", ID);
    retrier.call(
        "write checkpoint " + name,
        () ->
            db.getCollection(name)
                .replaceOne(Filters.eq("_id", ID), d, new ReplaceOptions().upsert(true)));
  }

  @Override
  public String describe() {
    return label;
  }
}
