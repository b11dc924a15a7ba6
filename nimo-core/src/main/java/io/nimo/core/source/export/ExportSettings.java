package io.nimo.core.source.export;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.Configuration;
import io.nimo.core.config.ExportOptions;
import io.nimo.core.config.SourceOptions;
import io.nimo.core.dynamo.DynamoCredentials;
import io.nimo.core.s3.ObjectStore;
import io.nimo.core.s3.S3ObjectStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * How a bulk copy from an export is set up, from the {@code full.source} and {@code full.export.*}
 * keys.
 *
 * @param fromExport whether the bulk copy reads an export ({@code full.source = export})
 * @param uri {@code full.export.s3_uri} as written
 * @param format the format of an export nimo requests
 * @param region the bucket's region (the source's when not set)
 * @param endpoint an S3-compatible endpoint, or empty for AWS
 * @param credentials S3's credentials (the source's when none of the export keys is set)
 * @param waitTimeout how long a requested export may take
 * @param pricePerGb what {@code --plan} charges per GB of a full export
 */
public record ExportSettings(
    boolean fromExport,
    String uri,
    ExportOptions.Format format,
    String region,
    String endpoint,
    DynamoCredentials credentials,
    Duration waitTimeout,
    BigDecimal pricePerGb) {

  /** A bulk copy that Scans ({@code full.source = scan} and nothing else set). */
  public static final ExportSettings SCAN =
      new ExportSettings(
          false,
          "",
          ExportOptions.Format.DYNAMODB_JSON,
          "",
          "",
          null,
          ExportOptions.FULL_EXPORT_WAIT.defaultValue(),
          ExportOptions.FULL_EXPORT_PRICE.defaultValue());

  /** The settings a configuration describes. */
  public static ExportSettings from(Configuration c) {
    String region = c.get(ExportOptions.FULL_EXPORT_S3_REGION);
    DynamoCredentials own =
        new DynamoCredentials(
            c.get(ExportOptions.FULL_EXPORT_AK),
            c.get(ExportOptions.FULL_EXPORT_SK),
            "",
            c.get(ExportOptions.FULL_EXPORT_PROFILE),
            c.get(ExportOptions.FULL_EXPORT_ROLE_ARN),
            "");
    boolean anyOwn =
        !own.accessKeyId().isBlank() || !own.profile().isBlank() || !own.roleArn().isBlank();
    return new ExportSettings(
        c.get(ExportOptions.FULL_SOURCE) == ExportOptions.BulkSource.EXPORT,
        c.get(ExportOptions.FULL_EXPORT_S3_URI),
        c.get(ExportOptions.FULL_EXPORT_FORMAT),
        region.isBlank() ? c.get(SourceOptions.SOURCE_REGION) : region,
        c.get(ExportOptions.FULL_EXPORT_S3_ENDPOINT),
        anyOwn ? own : DynamoCredentials.source(c),
        c.get(ExportOptions.FULL_EXPORT_WAIT),
        c.get(ExportOptions.FULL_EXPORT_PRICE));
  }

  /** The location {@code full.export.s3_uri} names (checked). */
  public ExportLocation location() {
    return ExportLocation.parse(uri);
  }

  /**
   * Refuses one export for several tables.
   *
   * @param tables the tables the run copies
   * @throws ConfigException naming {@code full.export.s3_uri}
   */
  public void requireFits(List<String> tables) {
    if (fromExport && tables.size() > 1 && location().single()) {
      throw new ConfigException(
          ExportOptions.FULL_EXPORT_S3_URI.key(),
          "'"
              + uri
              + "' names one export, of one table, and "
              + tables.size()
              + " tables are selected "
              + tables
              + ": select only its table (filter.collection.white) or name a prefix under which"
              + " each table's exports are found (<prefix>/<table>/AWSDynamoDB/)");
    }
  }

  /** The S3 store these settings describe; no I/O until its first call. */
  public ObjectStore openStore() {
    return S3ObjectStore.open(region, endpoint, credentials.provider(region));
  }
}
