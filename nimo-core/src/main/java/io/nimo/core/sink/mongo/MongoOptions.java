package io.nimo.core.sink.mongo;

import static io.nimo.core.config.ConfigOption.string;

import io.nimo.core.config.ConfigOption;
import io.nimo.core.config.TargetOptions;
import java.util.List;

/** The keys only the MongoDB target reads. */
public final class MongoOptions implements TargetOptions {
  /** {@code target.mongodb.type}: the MongoDB topology. */
  public static final ConfigOption<MongoTopology> TARGET_MONGO_TYPE =
      ConfigOption.choice(
          "target.mongodb.type",
          MongoTopology.REPLICA,
          "MongoDB topology for target.type = mongodb: replica, or sharding (each collection is sharded on its "
              + "hashed partition key).");

  /** {@code convert._id}: the name a source attribute called {@code _id} gets. */
  public static final ConfigOption<String> CONVERT_ID =
      string(
          "convert._id",
          "pre",
          "MongoDB target: a source attribute named _id becomes <this>_id (_id is MongoDB's own field).");

  @Override
  public String targetType() {
    return "mongodb";
  }

  @Override
  public List<ConfigOption<?>> options() {
    return List.of(TARGET_MONGO_TYPE, CONVERT_ID);
  }
}
