/**
 * The composition root: {@link io.nimo.core.wiring.JobComponents} builds the source, its streams,
 * the target, the checkpoint store and the retrier from a configuration, for the sync, the check
 * and the repair alike. Internal: may change between releases; embedders use the job builders.
 */
package io.nimo.core.wiring;
