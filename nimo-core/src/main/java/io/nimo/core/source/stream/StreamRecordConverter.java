package io.nimo.core.source.stream;

import io.nimo.core.dynamo.ShardRecord;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.source.ChangeEvent;

/** Turns a stream record into a {@link ChangeEvent} of the table's key schema. */
final class StreamRecordConverter {
  private StreamRecordConverter() {}

  static ChangeEvent toEvent(ShardRecord r, KeySchema keys) {
    ItemKey key = keys.keyOf(r.keys());
    ChangeEvent.Kind kind =
        switch (r.op()) {
          case INSERT -> ChangeEvent.Kind.INSERT;
          case MODIFY -> ChangeEvent.Kind.MODIFY;
          case REMOVE -> ChangeEvent.Kind.REMOVE;
        };
    return new ChangeEvent(
        kind,
        key,
        kind == ChangeEvent.Kind.REMOVE ? null : r.newImage(),
        r.sequenceNumber(),
        kind == ChangeEvent.Kind.REMOVE && r.byTtl());
  }
}
