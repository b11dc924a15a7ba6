package io.nimo.core.source.stream;

import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.source.ChangeEvent;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** Turns a DynamoDB stream record into a {@link ChangeEvent}. */
final class StreamRecordConverter {
  private static final String DYNAMODB_SERVICE = "dynamodb.amazonaws.com";

  private StreamRecordConverter() {}

  static ChangeEvent toEvent(Record r, KeySchema keys) {
    StreamRecord d = r.dynamodb();
    ItemKey key = keys.keyOf(d.keys());
    OperationType op = r.eventName();
    if (op == null) {
      throw new IllegalArgumentException(
          "stream record "
              + d.sequenceNumber()
              + " has unknown event '"
              + r.eventNameAsString()
              + "'");
    }
    return switch (op) {
      case INSERT ->
          new ChangeEvent(
              ChangeEvent.Kind.INSERT,
              key,
              d.hasNewImage() ? d.newImage() : null,
              d.sequenceNumber(),
              false);
      case MODIFY ->
          new ChangeEvent(
              ChangeEvent.Kind.MODIFY,
              key,
              d.hasNewImage() ? d.newImage() : null,
              d.sequenceNumber(),
              false);
      case REMOVE ->
          new ChangeEvent(
              ChangeEvent.Kind.REMOVE, key, null, d.sequenceNumber(), isTtl(r.userIdentity()));
      default ->
          throw new IllegalArgumentException(
              "stream record "
                  + d.sequenceNumber()
                  + " has unknown event '"
                  + r.eventNameAsString()
                  + "'");
    };
  }

  private static boolean isTtl(Identity identity) {
    return identity != null
        && "Service".equals(identity.type())
        && DYNAMODB_SERVICE.equals(identity.principalId());
  }
}
