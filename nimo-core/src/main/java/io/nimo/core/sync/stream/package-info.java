/**
 * Internal: follows one table's stream (shard lineage, one reader per shard, checkpointed
 * positions) into a change sink — the target during incremental sync, the spool while the full sync
 * runs.
 */
package io.nimo.core.sync.stream;
