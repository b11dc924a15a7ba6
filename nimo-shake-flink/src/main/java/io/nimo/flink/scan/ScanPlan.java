package io.nimo.flink.scan;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables a job scans and each one's segment count, decided once by the job's client at its
 * first start and kept in the enumerator's state from then on.
 *
 * @param segments each table's segment count, in scan order
 * @param explicit whether the counts were asked for ({@code full.read.concurrency} set) rather than
 *     derived from the tables' sizes and the parallelism; only asked-for counts must match a
 *     restored state, derived ones give way to it (so a job can resume with another parallelism)
 * @param exports the tables copied from an export ({@code full.source = export}): the full export,
 *     then the incremental exports that bridge it to the stream, in order; their data files are the
 *     table's segments
 */
public record ScanPlan(
    Map<String, Integer> segments, boolean explicit, Map<String, List<ExportPart>> exports)
    implements Serializable {

  /**
   * One export a table's bulk copy reads.
   *
   * @param uri its {@code manifest-summary.json} as an {@code s3://} URI
   * @param files its data files
   */
  public record ExportPart(String uri, int files) implements Serializable {}

  /** A plan that Scans every table. */
  public ScanPlan(Map<String, Integer> segments, boolean explicit) {
    this(segments, explicit, Map.of());
  }

  /**
   * Copies the counts (order kept) and checks them.
   *
   * @param segments the counts
   * @param explicit whether they were asked for
   */
  public ScanPlan {
    segments = new LinkedHashMap<>(segments);
    Map<String, List<ExportPart>> parts = new LinkedHashMap<>();
    exports.forEach((t, list) -> parts.put(t, new ArrayList<>(list)));
    exports = parts;
    segments.forEach(
        (t, n) -> {
          if (n < 1 || n > 1_000_000) {
            throw new IllegalArgumentException(
                "table " + t + ": " + n + " segments is outside DynamoDB's 1..1000000");
          }
        });
  }

  /**
   * How many segments a table gets: the configured read concurrency, raised so that every reader
   * can keep its Scan calls in flight (one segment each) and has at least two segments to take
   * (skew evens out), and about one per 2 GB for very large tables (a Scan segment is read by one
   * reader at a time).
   *
   * @param sizeBytes the table's approximate size
   * @param configured {@code full.read.concurrency}
   * @param parallelism the source's parallelism
   * @param callsPerReader Scan calls each reader keeps in flight
   * @return the segment count
   */
  public static int segmentsFor(
      long sizeBytes, int configured, int parallelism, int callsPerReader) {
    long bySize = sizeBytes / (2L << 30) + 1;
    long perReaders = (long) parallelism * Math.max(2, callsPerReader);
    long n = Math.max(Math.max(configured, perReaders), bySize);
    return (int) Math.min(n, 1_000_000);
  }

  /**
   * The state of a job's first start: every segment of every table, from its beginning.
   *
   * @return the initial enumerator state
   */
  /**
   * How many Scan calls one of {@code readers} readers keeps in flight: its configured number, but
   * no more than its share of all segments, so that no reader takes every segment at once and
   * leaves the others idle.
   *
   * @param configured {@code full.read.calls_per_reader} (or its default)
   * @param readers the source's parallelism
   * @return the calls in flight per reader, at least one
   */
  public int callsPerReader(int configured, int readers) {
    int total = segments.values().stream().mapToInt(Integer::intValue).sum();
    int share = (total + Math.max(1, readers) - 1) / Math.max(1, readers);
    return Math.max(1, Math.min(configured, share));
  }

  ScanEnumeratorState initialState() {
    List<ScanSplit> splits = new ArrayList<>();
    segments.forEach(
        (table, n) -> {
          List<ExportPart> parts = exports.get(table);
          if (parts == null) {
            for (int s = 0; s < n; s++) {
              splits.add(new ScanSplit(table, s, n, null));
            }
            return;
          }
          for (int version = 0; version < parts.size(); version++) {
            ExportPart part = parts.get(version);
            for (int f = 0; f < part.files(); f++) {
              splits.add(new ScanSplit(table, f, part.files(), null, part.uri(), version));
            }
          }
        });
    return new ScanEnumeratorState(segments, splits);
  }

  /**
   * Checks a restored state against this plan: the segment counts cannot change under a running
   * Scan (the segments would cover other key ranges), nor can tables join.
   *
   * @param restored the checkpointed state
   * @throws IllegalStateException naming the table and both counts
   */
  void requireCompatible(ScanEnumeratorState restored) {
    segments.forEach(
        (table, n) -> {
          Integer was = restored.segments().get(table);
          if (was == null) {
            throw new IllegalStateException(
                "table "
                    + table
                    + " was not part of this job when it started: a restored job scans the tables of"
                    + " its first start; run a new job (a fresh state) for it");
          }
          if (explicit && !exports.containsKey(table) && was.intValue() != n) {
            throw new IllegalStateException(
                "table "
                    + table
                    + " was split into "
                    + was
                    + " Scan segments at the job's first start and this start asks for "
                    + n
                    + " (full.read.concurrency changed): the segments would cover"
                    + " other key ranges, so the restore is refused; set the count back to "
                    + was
                    + " or start a new job");
          }
        });
  }
}
