/**
 * Internal: the incremental sync. {@link io.nimo.core.sync.incr.IncrementalRunner} follows every
 * table; {@link io.nimo.core.sync.stream.TableStreamSync} runs one table's shard readers in lineage
 * order and persists their positions; TargetSink applies changes (after replaying a spool).
 */
package io.nimo.core.sync.incr;
