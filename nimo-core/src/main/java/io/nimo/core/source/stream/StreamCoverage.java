package io.nimo.core.source.stream;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From when a table's stream holds every change: the later of its creation (the label at the end of
 * its ARN, {@code .../stream/2026-12-07T07:14:44.178}) and 23 hours ago (streams keep 24 hours; the
 * hour is a safety margin against a reading that starts late). A bulk image of time {@code T} hands
 * over to the stream when the stream holds every change since {@code T - }{@link #HANDOVER_MARGIN}:
 * an export "surely has everything committed by one minute before its time", so two minutes before
 * it is safe.
 */
public final class StreamCoverage {
  private static final Logger LOG = LoggerFactory.getLogger(StreamCoverage.class);

  /** How long a stream keeps records, less a safety margin. */
  public static final Duration RETAINED = Duration.ofHours(23);

  /** How far before a bulk image's time the stream must reach. */
  public static final Duration HANDOVER_MARGIN = Duration.ofMinutes(2);

  private StreamCoverage() {}

  /**
   * The earliest moment the stream holds every change since.
   *
   * @param streamArn the stream's ARN
   * @param now the time now
   * @return that moment
   */
  public static Instant coveredFrom(String streamArn, Instant now) {
    Instant retained = now.minus(RETAINED);
    Instant created = created(streamArn, now);
    return created.isAfter(retained) ? created : retained;
  }

  /** Whether a bulk image of time {@code t} hands over to the stream without a gap. */
  public static boolean reaches(Instant coveredFrom, Instant t) {
    return !coveredFrom.isAfter(t.minus(HANDOVER_MARGIN));
  }

  private static Instant created(String streamArn, Instant now) {
    int at = streamArn == null ? -1 : streamArn.lastIndexOf("/stream/");
    if (at < 0) {
      LOG.warn("stream ARN {} has no creation label: assuming it was created now", streamArn);
      return now;
    }
    try {
      return LocalDateTime.parse(streamArn.substring(at + "/stream/".length()))
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      LOG.warn("stream ARN {} has an unreadable label: assuming it was created now", streamArn);
      return now;
    }
  }
}
