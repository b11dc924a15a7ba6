/**
 * Public API: what an embedder plugs into a sync — {@link io.nimo.core.sync.hooks.SyncListener} for
 * progress and outcomes per table, {@link io.nimo.core.sync.hooks.ItemTransformer} to change items
 * on their way — and the {@link io.nimo.core.sync.hooks.TableSummary} the listener receives. A leaf
 * package: the sync's internals call these without depending on {@link io.nimo.core.sync.SyncJob}.
 */
package io.nimo.core.sync.hooks;
