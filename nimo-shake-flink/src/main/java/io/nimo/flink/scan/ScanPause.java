package io.nimo.flink.scan;

/**
 * Whether a Scan reader holds back its next Scan calls, set by its source reader when the
 * enumerator says so ({@link ScanPauseEvent}) and read by its split reader's fetcher thread.
 */
final class ScanPause {
  private volatile boolean paused;

  boolean paused() {
    return paused;
  }

  void set(boolean paused) {
    this.paused = paused;
  }
}
