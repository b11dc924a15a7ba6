/**
 * The source side: {@link io.nimo.core.source.SourceTable} and {@link
 * io.nimo.core.source.ChangeEvent} (the source-side types the target SPI receives), plus parallel
 * Scan, QPS limiting, table filters and source descriptions (internal: may change without notice).
 */
package io.nimo.core.source;
