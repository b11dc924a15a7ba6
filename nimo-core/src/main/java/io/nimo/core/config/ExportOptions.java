package io.nimo.core.config;

import static io.nimo.core.config.ConfigOption.choice;
import static io.nimo.core.config.ConfigOption.duration;
import static io.nimo.core.config.ConfigOption.string;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The keys of a bulk copy from a DynamoDB export in S3 ({@code full.source = export}, {@code
 * full.export.*}). Declared once here; {@link ShakeOptions#ALL} puts them in conf-file order.
 */
public final class ExportOptions {
  private ExportOptions() {}

  /** Where a table's bulk copy reads from. */
  public enum BulkSource {
    /** A parallel Scan of the live table (read capacity). */
    SCAN,
    /** The data files of a DynamoDB export to S3 (no read capacity). */
    EXPORT;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The data format of an export nimo requests. */
  public enum Format {
    DYNAMODB_JSON,
    ION
  }

  public static final ConfigOption<BulkSource> FULL_SOURCE =
      choice(
          "full.source",
          BulkSource.SCAN,
          "Where the bulk copy reads: scan (the live table, spending read capacity) or export (a "
              + "DynamoDB export in S3, full.export.*: no read capacity; the streams take over from "
              + "the export's time).");

  public static final ConfigOption<String> FULL_EXPORT_S3_URI =
      string(
              "full.export.s3_uri",
              "",
              "full.source = export: s3://bucket/prefix, where each table's newest completed export "
                  + "is found under <prefix>/<table>/AWSDynamoDB/ (and requested there when there is "
                  + "none), or one export of one table: s3://bucket/.../AWSDynamoDB/<export-id>/ or its "
                  + "manifest-summary.json.")
          .withValidator(
              (k, v) -> {
                if (!v.isEmpty() && !v.matches("s3://[^/]+(/.*)?")) {
                  throw new ConfigException(k, "'" + v + "' is not an s3://bucket/prefix URI");
                }
              });

  public static final ConfigOption<Format> FULL_EXPORT_FORMAT =
      choice(
          "full.export.format",
          Format.DYNAMODB_JSON,
          "The format of an export nimo requests: DYNAMODB_JSON or ION (an export found is read "
              + "in its own format).");

  public static final ConfigOption<String> FULL_EXPORT_S3_REGION =
      string("full.export.s3_region", "", "The bucket's region; empty = source.region.");

  public static final ConfigOption<String> FULL_EXPORT_S3_ENDPOINT =
      string(
              "full.export.s3_endpoint",
              "",
              "An S3-compatible endpoint (http(s)://host:port) instead of AWS's S3, addressed "
                  + "path-style; empty = AWS.")
          .withValidator(
              (k, v) -> {
                if (!v.isEmpty()) {
                  Addresses.requireHttpUrl(k, v);
                }
              });

  public static final ConfigOption<String> FULL_EXPORT_AK =
      string(
          "full.export.access_key_id",
          "",
          "S3 access key id; empty with full.export.profile and full.export.role_arn empty = "
              + "the source's credentials.");

  public static final ConfigOption<String> FULL_EXPORT_SK =
      string("full.export.secret_access_key", "", "S3 secret access key.").asSecret();

  public static final ConfigOption<String> FULL_EXPORT_PROFILE =
      string("full.export.profile", "", "A profile of the AWS shared config files for S3.");

  public static final ConfigOption<String> FULL_EXPORT_ROLE_ARN =
      string(
          "full.export.role_arn",
          "",
          "An IAM role assumed for S3 (with the keys or profile above, else the source's).");

  public static final ConfigOption<Duration> FULL_EXPORT_WAIT =
      duration(
          "full.export.wait_timeout",
          Duration.ofHours(12),
          "How long a requested export may take before the table stops with an error (the "
              + "export goes on in AWS; the next run finds it).");

  public static final ConfigOption<BigDecimal> FULL_EXPORT_PRICE =
      new ConfigOption<>(
          "full.export.price_per_gb",
          "decimal",
          new BigDecimal("0.10"),
          "--plan: the price of a full export per GB of table, in USD (default: AWS's published "
              + "$0.10 per GB; check your region's).",
          BigDecimal::new,
          (k, v) -> {
            if (v.signum() < 0) {
              throw new ConfigException(k, v + " is negative");
            }
          },
          false);
}
