package io.nimo.core.sink;

/**
 * The outcome of one {@link Target#writeBatch} call. Items that could not be written never show up
 * here: they end the call with an {@link ItemWriteException}.
 *
 * @param written items now stored on the target
 * @param retried item writes that had to be re-driven (throttling, UnprocessedItems, splits)
 * @param deduplicated items dropped because a later item in the same batch had the same key
 */
public record WriteResult(long written, long retried, long deduplicated) {
  /** Nothing written. */
  public static final WriteResult EMPTY = new WriteResult(0, 0, 0);

  /**
   * The sum of two results.
   *
   * @param o the other result
   */
  public WriteResult plus(WriteResult o) {
    return new WriteResult(written + o.written, retried + o.retried, deduplicated + o.deduplicated);
  }
}
