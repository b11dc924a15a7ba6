/**
 * The one stream engine of nimo, free of SDK types: {@link io.nimo.core.source.stream.ShardCursor}
 * (iterators, expiry, trimmed positions, idle back-off), {@link
 * io.nimo.core.source.stream.ShardTracker} (shard lineage), {@link
 * io.nimo.core.source.stream.StaleStart}, start-position capture, shard readers with read-ahead and
 * record conversion. nimo-shake's stream sync and spool, the check's changed keys and the Flink job
 * all read streams through it. Lost positions are {@link
 * io.nimo.core.source.stream.StreamPositionLostException}, a deleted table {@link
 * io.nimo.core.source.SourceTableDeletedException}.
 */
package io.nimo.core.source.stream;
