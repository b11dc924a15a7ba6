package io.nimo.core.source.export;

import io.nimo.core.s3.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds exports in S3 and checks that one can be copied: its summary and file manifest exist (an
 * export is finished once its summary is written), every data file the manifest lists is there, the
 * manifest's counts add up to the summary's, and the manifests' own MD5 files (when present) match.
 * A table's newest finished full export is found under {@code <prefix>/<table>/AWSDynamoDB/}.
 */
public final class ExportFinder {
  private static final Logger LOG = LoggerFactory.getLogger(ExportFinder.class);
  private static final String EXPORTS = "AWSDynamoDB/";

  private final ObjectStore store;

  /**
   * A finder over a store.
   *
   * @param store the bucket's objects
   */
  public ExportFinder(ObjectStore store) {
    this.store = store;
  }

  /**
   * The export whose summary (or folder) an {@code s3://} URI names, as checkpoints and splits keep
   * it.
   *
   * @param summaryUri {@code s3://bucket/.../manifest-summary.json}
   * @return it
   * @throws ExportRefusedException when it is unfinished or damaged
   */
  public FoundExport at(String summaryUri) {
    ExportLocation at = ExportLocation.parse(summaryUri);
    return at(at.bucket(), at.path());
  }

  /**
   * The export in {@code folder} of {@code bucket}, checked complete.
   *
   * @param folder the export's folder key (no trailing slash)
   * @return it
   * @throws ExportRefusedException naming the file that is missing or wrong
   */
  public FoundExport at(String bucket, String folder) {
    String summaryKey =
        folder.isEmpty() ? ExportLocation.SUMMARY : folder + "/" + ExportLocation.SUMMARY;
    String summaryUri = "s3://" + bucket + "/" + summaryKey;
    if (!store.exists(bucket, summaryKey)) {
      throw new ExportRefusedException(
          summaryUri,
          "does not exist: the export is unfinished or failed (an export is complete once its"
              + " manifest-summary.json is written)");
    }
    String summaryText = store.read(bucket, summaryKey);
    checkMd5(bucket, summaryKey, summaryText);
    ExportSummary summary = ExportSummary.parse(summaryText, summaryUri);
    String filesKey = summary.manifestFilesKey();
    String filesUri = "s3://" + bucket + "/" + filesKey;
    if (!store.exists(bucket, filesKey)) {
      throw new ExportRefusedException(filesUri, "does not exist: the export is incomplete");
    }
    String filesText = store.read(bucket, filesKey);
    checkMd5(bucket, filesKey, filesText);
    List<ExportDataFile> files = ExportDataFile.parseManifest(filesText, filesUri);
    long listed = files.stream().mapToLong(ExportDataFile::itemCount).sum();
    if (listed != summary.itemCount()) {
      throw new ExportRefusedException(
          filesUri,
          "lists " + listed + " record(s) in all, " + summaryUri + " says " + summary.itemCount());
    }
    for (ExportDataFile f : files) {
      if (!store.exists(bucket, f.key())) {
        throw new ExportRefusedException(
            "s3://" + bucket + "/" + f.key(),
            "is listed in " + filesUri + " but does not exist: the export is incomplete");
      }
    }
    return new FoundExport(bucket, summaryKey, summary, files);
  }

  /**
   * The newest finished full export of a table under a prefix.
   *
   * @param location the prefix ({@code full.export.s3_uri})
   * @param table the table
   * @return the export, or empty when there is none
   */
  public Optional<FoundExport> newest(ExportLocation location, String table) {
    String root = location.tablePrefix(table) + "/" + EXPORTS;
    List<ExportSummary> finished = new ArrayList<>();
    List<String> folders = new ArrayList<>();
    for (String folder : store.folders(location.bucket(), root)) {
      String id = folder.substring(root.length()).replaceAll("/$", "");
      if (id.equals("data")) {
        continue; // incremental exports' shared data folder
      }
      String key = folder + ExportLocation.SUMMARY;
      if (!store.exists(location.bucket(), key)) {
        LOG.info(
            "[table={}] s3://{}/{}: no summary (unfinished or failed), skipped",
            table,
            location.bucket(),
            folder);
        continue;
      }
      ExportSummary s =
          ExportSummary.parse(
              store.read(location.bucket(), key), "s3://" + location.bucket() + "/" + key);
      if (!s.incremental() && s.exportTime() != null) {
        finished.add(s);
        folders.add(folder);
      }
    }
    return finished.stream()
        .max(Comparator.comparing(ExportSummary::exportTime))
        .map(s -> at(location.bucket(), folders.get(finished.indexOf(s)).replaceAll("/$", "")));
  }

  /**
   * Checks that an export is a full export of the table.
   *
   * @param tableArn the source table's ARN
   * @throws ExportRefusedException naming its summary otherwise
   */
  public static void requireFullExportOf(FoundExport e, String tableArn) {
    if (!e.summary().tableArn().equals(tableArn)) {
      throw new ExportRefusedException(
          e.summaryUri(),
          "is an export of " + e.summary().tableArn() + ", not of the source table " + tableArn);
    }
    if (e.summary().incremental() || e.summary().exportTime() == null) {
      throw new ExportRefusedException(
          e.summaryUri(),
          "is an incremental export; the bulk copy needs a full export (ExportType FULL_EXPORT)");
    }
  }

  /** Checks {@code <key without .json>.md5}, the Base64 MD5 AWS writes next to each manifest. */
  private void checkMd5(String bucket, String key, String text) {
    String md5Key = key.replaceAll("\\.json$", ".md5");
    if (md5Key.equals(key) || !store.exists(bucket, md5Key)) {
      return;
    }
    String expected = store.read(bucket, md5Key).trim();
    String actual;
    try {
      actual =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (!actual.equals(expected)) {
      throw new ExportRefusedException(
          "s3://" + bucket + "/" + key,
          "has MD5 " + actual + ", s3://" + bucket + "/" + md5Key + " says " + expected);
    }
  }
}
