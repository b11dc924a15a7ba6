package io.nimo.flink.stream;

import java.util.List;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * Enumerator to reader: these finished shards are recorded; the reader may drop them from its state
 * once a later checkpoint completes.
 *
 * @param splitIds the recorded shards' split ids
 */
record FinishedAckEvent(List<String> splitIds) implements SourceEvent {
  private static final long serialVersionUID = 1L;
}
