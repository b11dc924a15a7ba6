package io.nimo.core.sync.full;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One converted item on its way to the write stage, with the ticket of the page it came from. */
record WorkItem(Map<String, AttributeValue> item, PageTicket ticket) {}
