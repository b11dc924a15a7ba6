/**
 * Public SPI: CheckpointStore and CheckpointStoreProvider (found by ServiceLoader through
 * checkpoint.type), the persisted JobState, and the shared document layout.
 */
package io.nimo.core.checkpoint;
