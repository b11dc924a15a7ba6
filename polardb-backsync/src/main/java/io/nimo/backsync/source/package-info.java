/**
 * The PostgreSQL side: the Flink CDC source, Debezium records turned into {@link
 * io.nimo.backsync.source.ChangeRecord}s, items left out as TOAST re-read, and the pre-flight
 * checks of slot and publication.
 */
package io.nimo.backsync.source;
