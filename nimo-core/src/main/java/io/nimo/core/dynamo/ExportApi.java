package io.nimo.core.dynamo;

import java.time.Instant;

/**
 * DynamoDB's export-to-S3 calls nimo makes, in its own types: the table's ARN, whether
 * point-in-time recovery is on, requesting a full or an incremental export, and its state. DynamoDB
 * Local has none of them; tests fake this seam.
 */
public interface ExportApi extends AutoCloseable {

  /** The state of an export. */
  enum Status {
    IN_PROGRESS,
    COMPLETED,
    FAILED
  }

  /**
   * What DescribeExport says.
   *
   * @param exportArn the export
   * @param status its state
   * @param summaryKey the key of its {@code manifest-summary.json} once completed, else {@code
   *     null}
   * @param failure the failure code and message of a failed export, else {@code null}
   */
  record ExportState(String exportArn, Status status, String summaryKey, String failure) {}

  /**
   * Where an export goes and how it is written.
   *
   * @param bucket the bucket
   * @param prefix the key prefix ({@code AWSDynamoDB/} goes under it)
   * @param format {@code DYNAMODB_JSON} or {@code ION}
   */
  record Destination(String bucket, String prefix, String format) {}

  /** The table's ARN. */
  String tableArn(String table);

  /** Whether point-in-time recovery is on for the table (exports need it). */
  boolean pointInTimeRecovery(String table);

  /**
   * Requests a full export of the table as it is now.
   *
   * @param clientToken makes a repeated request (a rerun) the same export
   * @return the export's ARN
   */
  String exportFull(String tableArn, Destination to, String clientToken);

  /**
   * Requests an incremental export (NEW_AND_OLD_IMAGES) of the changes in {@code [from, to)}.
   *
   * @return the export's ARN
   */
  String exportIncremental(
      String tableArn, Destination to, Instant from, Instant until, String clientToken);

  /** The export's state. */
  ExportState describe(String exportArn);

  @Override
  void close();
}
