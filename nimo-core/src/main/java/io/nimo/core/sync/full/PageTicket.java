package io.nimo.core.sync.full;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Tracks the items of one Scan page until every one of them is written. */
final class PageTicket {
  final int segment;
  final Map<String, AttributeValue> lastKey;
  final int items;
  final AtomicInteger remaining;

  PageTicket(int segment, Map<String, AttributeValue> lastKey, int items) {
    this.segment = segment;
    this.lastKey = lastKey;
    this.items = items;
    this.remaining = new AtomicInteger(items);
  }
}
