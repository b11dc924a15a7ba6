package io.nimo.core.source.export;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.ExportOptions;
import java.util.regex.Pattern;

/**
 * What {@code full.export.s3_uri} names: a prefix under which each table's exports are (or are
 * requested), or one export (its folder or its {@code manifest-summary.json}).
 *
 * @param bucket the bucket
 * @param path the key or key prefix, without a leading or trailing {@code /} ({@code ""} = the
 *     bucket's root)
 * @param single whether it names one export
 */
public record ExportLocation(String bucket, String path, boolean single) {
  private static final Pattern EXPORT_FOLDER =
      Pattern.compile("(^|.*/)AWSDynamoDB/\\d{14}-[0-9a-f]{8}$");
  static final String SUMMARY = "manifest-summary.json";

  /**
   * Reads an {@code s3://bucket/path} URI.
   *
   * @param uri the URI
   * @return the location
   * @throws ConfigException naming {@code full.export.s3_uri} when it is not one
   */
  public static ExportLocation parse(String uri) {
    String key = ExportOptions.FULL_EXPORT_S3_URI.key();
    if (uri == null || !uri.startsWith("s3://") || uri.length() <= "s3://".length()) {
      throw new ConfigException(key, "'" + uri + "' is not an s3://bucket/prefix URI");
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash + 1);
    path = path.replaceAll("^/+", "").replaceAll("/+$", "");
    if (bucket.isBlank()) {
      throw new ConfigException(key, "'" + uri + "' names no bucket");
    }
    if (path.endsWith("/" + SUMMARY) || path.equals(SUMMARY)) {
      path = path.substring(0, path.length() - SUMMARY.length()).replaceAll("/+$", "");
      return new ExportLocation(bucket, path, true);
    }
    return new ExportLocation(bucket, path, EXPORT_FOLDER.matcher(path).matches());
  }

  /** The key prefix of a table's exports under this prefix: {@code <path>/<table>}. */
  public String tablePrefix(String table) {
    return path.isEmpty() ? table : path + "/" + table;
  }

  /**
   * Where nimo writes a table's exports: {@code <path>/<table>} under a prefix, or beside the one
   * export this location names (its own prefix).
   */
  public String exportPrefix(String table) {
    if (!single) {
      return tablePrefix(table);
    }
    int at = path.lastIndexOf("AWSDynamoDB/");
    return at <= 0 ? "" : path.substring(0, at).replaceAll("/+$", "");
  }

  /** A key under this location's path. */
  String key(String relative) {
    return path.isEmpty() ? relative : path + "/" + relative;
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + path;
  }
}
