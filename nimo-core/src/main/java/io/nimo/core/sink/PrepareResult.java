package io.nimo.core.sink;

import java.util.List;

/**
 * What {@link Target#prepare} did.
 *
 * @param dropped whether an existing table was deleted first
 * @param notes settings the target did not accept (e.g. TTL), to be shown in the summary
 */
public record PrepareResult(boolean dropped, List<String> notes) {
  /**
   * Copies the notes.
   *
   * @param dropped whether an existing table was dropped
   * @param notes remarks for the summary
   */
  public PrepareResult {
    notes = List.copyOf(notes);
  }
}
