package io.nimo.flink.scan;

import java.util.List;
import org.apache.flink.api.connector.source.SourceEvent;

/**
 * From a Scan reader to the enumerator: these segments are read to their end.
 *
 * @param splitIds the segments' split ids
 */
record SegmentsDoneEvent(List<String> splitIds) implements SourceEvent {
  SegmentsDoneEvent {
    splitIds = List.copyOf(splitIds);
  }
}
