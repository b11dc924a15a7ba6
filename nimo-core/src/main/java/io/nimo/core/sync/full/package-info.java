/**
 * Internal: the full sync. Per table, {@link io.nimo.core.sync.full.TableFullSync} prepares the
 * target and runs a {@link io.nimo.core.sync.full.TablePipeline}: SegmentScanStage →
 * ItemConvertStage → BatchWriteStage over two bounded queues, with a SegmentTracker that
 * checkpoints only written pages.
 */
package io.nimo.core.sync.full;
