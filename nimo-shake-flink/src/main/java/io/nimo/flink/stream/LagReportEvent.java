package io.nimo.flink.stream;

import java.util.Map;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * From a stream reader to the enumerator, at every checkpoint: how far behind each table it follows
 * is.
 *
 * @param behindMillis per table, how far behind
 */
record LagReportEvent(Map<String, Long> behindMillis) implements SourceEvent {
  LagReportEvent {
    behindMillis = Map.copyOf(behindMillis);
  }
}
