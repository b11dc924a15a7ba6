package io.nimo.flink.stream;

import java.util.List;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Reader to enumerator: these shards were read to their end and all their changes emitted, so their
 * children may start.
 *
 * @param splitIds the finished shards' split ids
 */
record ShardsFinishedEvent(List<String> splitIds) implements SourceEvent {
  private static final long serialVersionUID = 1L;
}
