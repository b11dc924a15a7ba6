package io.nimo.core.source.export;

import java.util.List;

/**
 * An export ready to be read: its summary and its data files, all checked to exist.
 *
 * @param bucket the bucket
 * @param summaryKey the key of its {@code manifest-summary.json}
 * @param summary the summary
 * @param files the data files, in the manifest's order
 */
public record FoundExport(
    String bucket, String summaryKey, ExportSummary summary, List<ExportDataFile> files) {

  /** Copies the list. */
  public FoundExport {
    files = List.copyOf(files);
  }

  /** The summary as an s3:// URI (what logs, checkpoints and errors name). */
  public String summaryUri() {
    return "s3://" + bucket + "/" + summaryKey;
  }

  /** The records the files hold, as the manifests say. */
  public long records() {
    return files.stream().mapToLong(ExportDataFile::itemCount).sum();
  }
}
