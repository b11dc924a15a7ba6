package io.nimo.core.testkit.export;

import io.nimo.core.dynamo.ExportApi;
import io.nimo.core.testkit.TableContents;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * DynamoDB's export calls, which DynamoDB Local lacks, faked at our seam: the table's ARN is the
 * real one (DescribeTable on DynamoDB Local); a full export is the table's items read now, written
 * as AWS lays it out into the S3 server; an incremental export holds what the test says changed in
 * its window. Every export completes at once. Requests are recorded.
 */
public final class FakeExportApi implements ExportApi {
  private final DynamoDbClient source;
  private final S3Client s3;
  private final Clock clock;
  private final Map<String, String> summaries = new ConcurrentHashMap<>();

  /** Every request, as {@code full <table-arn>} or {@code incremental <from> <to>}. */
  public final List<String> requests = new CopyOnWriteArrayList<>();

  private volatile boolean pitr = true;
  private volatile BiFunction<Instant, Instant, List<ExportWriter.Change>> changes =
      (from, to) -> List.of();
  private int exports;
  private final AtomicInteger inProgress = new AtomicInteger();

  /**
   * A fake over the source table's server and the S3 server.
   *
   * @param clock what "now" is for a full export's time
   */
  public FakeExportApi(DynamoDbClient source, S3Client s3, Clock clock) {
    this.source = source;
    this.s3 = s3;
    this.clock = clock;
  }

  /** Turns point-in-time recovery off (or on) for every table. */
  public FakeExportApi pointInTimeRecovery(boolean on) {
    this.pitr = on;
    return this;
  }

  /** The next {@code describes} DescribeExport calls answer IN_PROGRESS. */
  public FakeExportApi inProgressFor(int describes) {
    inProgress.set(describes);
    return this;
  }

  /** What an incremental export of {@code [from, to)} holds. */
  public FakeExportApi changes(BiFunction<Instant, Instant, List<ExportWriter.Change>> changes) {
    this.changes = changes;
    return this;
  }

  @Override
  public String tableArn(String table) {
    return source.describeTable(b -> b.tableName(table)).table().tableArn();
  }

  @Override
  public boolean pointInTimeRecovery(String table) {
    return pitr;
  }

  @Override
  public synchronized String exportFull(String tableArn, Destination to, String clientToken) {
    requests.add("full " + tableArn);
    String table = tableArn.substring(tableArn.lastIndexOf('/') + 1);
    var items = new ArrayList<>(TableContents.read(source, table).values());
    var written =
        new ExportWriter(s3, to.bucket(), ++exports)
            .full(to.prefix(), tableArn, clock.instant(), format(to), items, 3);
    summaries.put(written.exportArn(), written.summaryKey());
    return written.exportArn();
  }

  @Override
  public synchronized String exportIncremental(
      String tableArn, Destination to, Instant from, Instant until, String clientToken) {
    requests.add("incremental " + from + " " + until);
    var written =
        new ExportWriter(s3, to.bucket(), ++exports)
            .incremental(
                to.prefix(), tableArn, from, until, format(to), changes.apply(from, until), 2);
    summaries.put(written.exportArn(), written.summaryKey());
    return written.exportArn();
  }

  @Override
  public ExportState describe(String exportArn) {
    String summary = summaries.get(exportArn);
    if (summary == null) {
      return new ExportState(exportArn, Status.FAILED, null, "ExportNotFound: " + exportArn);
    }
    if (inProgress.getAndDecrement() > 0) {
      return new ExportState(exportArn, Status.IN_PROGRESS, null, null);
    }
    return new ExportState(exportArn, Status.COMPLETED, summary, null);
  }

  @Override
  public void close() {}

  private static ExportWriter.Format format(Destination to) {
    return ExportWriter.Format.valueOf(to.format());
  }
}
