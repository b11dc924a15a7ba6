package io.nimo.core.source.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/**
 * An export's {@code manifest-summary.json}: which table, when, how many items, in which format.
 *
 * @param exportArn the export's ARN ({@code <tableArn>/export/<export-id>})
 * @param tableArn the exported table's ARN
 * @param exportTime the point in time of a full export ({@code null} for an incremental one)
 * @param exportFromTime an incremental export's window start ({@code null} for a full one)
 * @param exportToTime an incremental export's window end, exclusive
 * @param itemCount items (full) or records (incremental) in the export
 * @param format {@code DYNAMODB_JSON} or {@code ION}
 * @param incremental whether it is an {@code INCREMENTAL_EXPORT}
 * @param manifestFilesKey the key of {@code manifest-files.json}
 * @param billedSizeBytes the size AWS bills, 0 when not given
 */
public record ExportSummary(
    String exportArn,
    String tableArn,
    Instant exportTime,
    Instant exportFromTime,
    Instant exportToTime,
    long itemCount,
    String format,
    boolean incremental,
    String manifestFilesKey,
    long billedSizeBytes) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads a summary.
   *
   * @param text the file's text
   * @param where the file, for errors
   * @return the summary
   * @throws ExportRefusedException when it is not a summary
   */
  public static ExportSummary parse(String text, String where) {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (IOException e) {
      throw new ExportRefusedException(where, "is not JSON: " + e.getMessage());
    }
    String arn = text(n, "exportArn");
    String table = text(n, "tableArn");
    String files = text(n, "manifestFilesS3Key");
    if (arn == null || table == null || files == null || !n.has("itemCount")) {
      throw new ExportRefusedException(
          where,
          "is not a manifest-summary.json: exportArn, tableArn, manifestFilesS3Key or"
              + " itemCount is missing");
    }
    boolean incremental = "INCREMENTAL_EXPORT".equals(text(n, "exportType"));
    return new ExportSummary(
        arn,
        table,
        time(n, "exportTime"),
        time(n, "exportFromTime"),
        time(n, "exportToTime"),
        n.path("itemCount").asLong(),
        text(n, "outputFormat") == null ? "DYNAMODB_JSON" : text(n, "outputFormat"),
        incremental,
        files,
        n.path("billedSizeBytes").asLong(0));
  }

  /** The export id, the last part of its ARN ({@code 01768385930622-efd1a093}). */
  public String exportId() {
    return exportArn.substring(exportArn.lastIndexOf('/') + 1);
  }

  /** The table's name, the last part of its ARN. */
  public String tableName() {
    return tableArn.substring(tableArn.lastIndexOf('/') + 1);
  }

  /** Whether the data files are Ion text. */
  public boolean ion() {
    return "ION".equals(format);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Instant time(JsonNode n, String field) {
    String v = text(n, field);
    return v == null ? null : Instant.parse(v);
  }
}
