/** Internal: named daemon threads and waiting for per-table tasks. May change between releases. */
package io.nimo.core.concurrent;
