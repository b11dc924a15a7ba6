package io.nimo.core.testkit;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mongo-java-server backend that answers the sharding commands it does not implement ({@code
 * enableSharding}, {@code shardCollection}) with ok and records them. It only proves which commands
 * nimo sends; no sharding happens (no sharded cluster can run on the build machines).
 */
public final class ShardingRecorder extends MemoryBackend {
  /** The recorded commands, as {@code <command> <argument> <key>}. */
  public final List<String> commands = new CopyOnWriteArrayList<>();

  @Override
  public Document handleCommand(Channel channel, String database, String command, Document query) {
    if (command.equals("enableSharding") || command.equals("shardCollection")) {
      commands.add(
          command
              + " "
              + query.get(command)
              + (query.containsKey("key") ? " " + query.get("key") : ""));
      Document ok = new Document();
      ok.put("ok", 1.0);
      return ok;
    }
    return super.handleCommand(channel, database, command, query);
  }
}
