/**
 * Internal: spooling the streams to local disk during a long full sync ({@link
 * io.nimo.core.sync.spool.StreamSpooler}, SpoolSink, ShardSpool, SpoolBudget) and replaying the
 * spools before a shard goes live ({@link io.nimo.core.sync.spool.SpoolReplayer}).
 */
package io.nimo.core.sync.spool;
