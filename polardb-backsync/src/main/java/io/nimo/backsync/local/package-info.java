/**
 * Running the job without a cluster: an embedded MiniCluster with checkpoints on local disk and a
 * savepoint on SIGTERM.
 */
package io.nimo.backsync.local;
