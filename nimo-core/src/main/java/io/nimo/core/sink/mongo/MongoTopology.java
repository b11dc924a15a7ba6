package io.nimo.core.sink.mongo;

import java.util.Locale;

/** {@code target.mongodb.type}: the MongoDB deployment nimo writes to. */
public enum MongoTopology {
  /** A replica set (or a standalone server). */
  REPLICA,
  /** A sharded cluster: each collection is sharded on its hashed partition key. */
  SHARDING;

  /** The value as written in the conf file. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
