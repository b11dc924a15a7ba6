package io.nimo.flink.scan;

/**
 * A reader's progress in one split: moved on by the record emitter only once a page's items have
 * all been emitted, so a checkpoint never covers items that were not handed downstream.
 */
final class ScanSplitState {
  private final ScanSplit split;
  private volatile String lastKeyJson;

  ScanSplitState(ScanSplit split) {
    this.split = split;
    this.lastKeyJson = split.lastKeyJson();
  }

  void pageEmitted(String lastKey) {
    this.lastKeyJson = lastKey;
  }

  /** The bulk version of the split's items (see {@link ScanSplit#version()}). */
  int version() {
    return split.version();
  }

  ScanSplit toSplit() {
    return split.after(lastKeyJson);
  }
}
