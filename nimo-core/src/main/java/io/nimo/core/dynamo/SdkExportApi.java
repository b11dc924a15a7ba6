package io.nimo.core.dynamo;

import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ExportFormat;
import software.amazon.awssdk.services.dynamodb.model.ExportType;
import software.amazon.awssdk.services.dynamodb.model.ExportViewType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;

/** {@link ExportApi} on the AWS SDK. */
public final class SdkExportApi implements ExportApi {
  private final DynamoDbClient client;

  /**
   * Over a client (closed with this).
   *
   * @param client the source's client
   */
  public SdkExportApi(DynamoDbClient client) {
    this.client = client;
  }

  @Override
  public String tableArn(String table) {
    return client.describeTable(b -> b.tableName(table)).table().tableArn();
  }

  @Override
  public boolean pointInTimeRecovery(String table) {
    var d =
        client
            .describeContinuousBackups(b -> b.tableName(table))
            .continuousBackupsDescription()
            .pointInTimeRecoveryDescription();
    return d != null && d.pointInTimeRecoveryStatus() == PointInTimeRecoveryStatus.ENABLED;
  }

  @Override
  public String exportFull(String tableArn, Destination to, String clientToken) {
    return client
        .exportTableToPointInTime(
            b ->
                b.tableArn(tableArn)
                    .s3Bucket(to.bucket())
                    .s3Prefix(to.prefix())
                    .exportFormat(ExportFormat.fromValue(to.format()))
                    .exportType(ExportType.FULL_EXPORT)
                    .clientToken(clientToken))
        .exportDescription()
        .exportArn();
  }

  @Override
  public String exportIncremental(
      String tableArn, Destination to, Instant from, Instant until, String clientToken) {
    return client
        .exportTableToPointInTime(
            b ->
                b.tableArn(tableArn)
                    .s3Bucket(to.bucket())
                    .s3Prefix(to.prefix())
                    .exportFormat(ExportFormat.fromValue(to.format()))
                    .exportType(ExportType.INCREMENTAL_EXPORT)
                    .incrementalExportSpecification(
                        s ->
                            s.exportFromTime(from)
                                .exportToTime(until)
                                .exportViewType(ExportViewType.NEW_AND_OLD_IMAGES))
                    .clientToken(clientToken))
        .exportDescription()
        .exportArn();
  }

  @Override
  public ExportState describe(String exportArn) {
    ExportDescription d = client.describeExport(b -> b.exportArn(exportArn)).exportDescription();
    Status status =
        switch (d.exportStatus()) {
          case COMPLETED -> Status.COMPLETED;
          case FAILED -> Status.FAILED;
          default -> Status.IN_PROGRESS;
        };
    String failure = d.failureCode() == null ? null : d.failureCode() + ": " + d.failureMessage();
    return new ExportState(exportArn, status, d.exportManifest(), failure);
  }

  @Override
  public void close() {
    client.close();
  }
}
