package io.nimo.core.sync.run;

import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.dynamo.StreamsApi;
import io.nimo.core.retry.Retrier;

/**
 * The source as the stream phases use it: its tables, its DynamoDB Streams endpoint, and the
 * retrier every source call goes through.
 *
 * @param tables the source's tables and items
 * @param streams the source's streams
 * @param retrier retries source calls within {@code retry.budget}
 */
public record SourceSide(DynamoClient tables, StreamsApi streams, Retrier retrier) {}
