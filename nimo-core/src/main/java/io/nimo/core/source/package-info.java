/** Internal: parallel Scan, QPS limiting, table filters and source descriptions. Not part of the public API; may change without notice. */
package io.nimo.core.source;
