package io.nimo.core.retry;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a batch and sends again what the server left unprocessed ({@code UnprocessedItems}, {@code
 * UnprocessedKeys}) with capped, jittered backoff, until nothing is left or the retry budget is
 * spent; then {@link RetryBudgetExhaustedException} names the first entry left. Each send goes
 * through the retrier, so an error is retried by the adapter's classifier as usual.
 */
public final class Redrive {
  private static final Logger LOG = LoggerFactory.getLogger(Redrive.class);

  private Redrive() {}

  /**
   * Sends {@code batch} until nothing is left unprocessed.
   *
   * @param retrier the adapter's retrier (its clock, policy and classifier)
   * @param what the call, e.g. {@code BatchWriteItem orders}, for logs and the error
   * @param noun what the entries are, e.g. {@code items}
   * @param batch the entries to send
   * @param send sends some entries and returns those left unprocessed
   * @param describe an entry as the error names it (e.g. its key)
   * @param <T> the entry type
   * @return how many entries were sent again
   */
  public static <T> long until(
      Retrier retrier,
      String what,
      String noun,
      List<T> batch,
      UnaryOperator<List<T>> send,
      Function<T, String> describe) {
    Instant deadline = retrier.clock().instant().plus(retrier.policy().budget());
    List<T> pending = batch;
    long again = 0;
    for (int round = 1; ; round++) {
      List<T> sent = pending;
      List<T> left = retrier.call(what, () -> send.apply(sent));
      if (left.isEmpty()) {
        return again;
      }
      again += left.size();
      if (retrier.clock().instant().isAfter(deadline)) {
        throw new RetryBudgetExhaustedException(
            what
                + ": "
                + left.size()
                + " "
                + noun
                + " still unprocessed (first {"
                + describe.apply(left.get(0))
                + "})",
            round,
            new IllegalStateException("unprocessed " + noun));
      }
      LOG.debug(
          "{}: {} of {} {} unprocessed, sending them again (round {})",
          what,
          left.size(),
          sent.size(),
          noun,
          round);
      retrier.pause(what, Retrier.jitter(retrier.policy().backoff(round)));
      pending = left;
    }
  }
}
