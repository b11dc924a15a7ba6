package io.nimo.flink.scan;

import org.apache.flink.api.connector.source.SourceEvent;

/**
 * From the enumerator to every Scan reader: hold back (or resume) new Scan calls.
 *
 * @param paused whether to hold back
 */
record ScanPauseEvent(boolean paused) implements SourceEvent {}
