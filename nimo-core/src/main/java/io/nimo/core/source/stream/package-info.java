/**
 * The DynamoDB Streams seam: {@link io.nimo.core.source.stream.StreamsApi} (embedders pass one only
 * to substitute the stream source), start-position capture, shard lineage ({@link
 * io.nimo.core.source.stream.ShardTracker}), shard readers with read-ahead and record conversion.
 * SDK errors end here: callers see {@link io.nimo.core.source.stream.StreamPositionLostException}
 * and {@link io.nimo.core.source.SourceTableDeletedException}.
 */
package io.nimo.core.source.stream;
