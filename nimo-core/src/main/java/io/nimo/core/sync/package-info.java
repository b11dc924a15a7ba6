/**
 * Public API: SyncJob (full, incremental, combined), its report, listener and item-transformer
 * hooks.
 */
package io.nimo.core.sync;
