package io.nimo.core.testkit;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import java.util.List;

/**
 * A mongo-java-server backend that refuses hashed indexes the way protocol-compatible servers
 * without them do (Amazon DocumentDB, FerretDB): {@code createIndexes} with a {@code "hashed"} key
 * is answered with CannotCreateIndex (67). Everything else is the in-memory server.
 */
public final class NoHashedIndexes extends MemoryBackend {
  /** The refusal's code. */
  public static final int CANNOT_CREATE_INDEX = 67;

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    if (command.equals("createIndexes") && query.get("indexes") instanceof List<?> indexes) {
      for (Object index : indexes) {
        if (index instanceof Document d
            && d.get("key") instanceof Document key
            && key.values().contains("hashed")) {
          throw new MongoServerError(
              CANNOT_CREATE_INDEX, "CannotCreateIndex", "hashed indexes are not supported");
        }
      }
    }
    return super.handleCommand(channel, database, command, query);
  }
}
