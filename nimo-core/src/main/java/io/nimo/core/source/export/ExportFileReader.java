package io.nimo.core.source.export;

import io.nimo.core.s3.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;

/**
 * Reads one gzip data file of an export in pages of records, from a record offset on, and checks at
 * its end that it held as many records as its manifest says and that the MD5 of its stored bytes is
 * the manifest's: a file that is not what its manifest says stops its table, naming the file.
 */
public final class ExportFileReader {

  /** Receives the records of a file in order. */
  @FunctionalInterface
  public interface Pages {
    /**
     * Takes one page.
     *
     * @param records the page's records
     * @param offset how many records of the file are read with this page
     * @param last whether it is the file's last page (checked)
     * @throws InterruptedException if interrupted while blocked
     */
    void accept(List<ExportRecord> records, long offset, boolean last) throws InterruptedException;
  }

  private final ObjectStore store;
  private final String bucket;
  private final ExportSummary summary;
  private final int pageSize;

  /**
   * A reader of one export's files.
   *
   * @param pageSize records per page
   */
  public ExportFileReader(ObjectStore store, String bucket, ExportSummary summary, int pageSize) {
    this.store = store;
    this.bucket = bucket;
    this.summary = summary;
    this.pageSize = Math.max(1, pageSize);
  }

  /**
   * Reads a file to its end (or until stopped), skipping the first {@code skip} records.
   *
   * @throws ExportRefusedException when the file is not what its manifest says
   * @throws InterruptedException if interrupted
   */
  public void read(ExportDataFile file, long skip, Pages pages, BooleanSupplier stopped)
      throws InterruptedException {
    String where = "s3://" + bucket + "/" + file.key();
    MessageDigest md5 = md5();
    long offset = 0;
    try (InputStream raw = store.open(bucket, file.key());
        DigestInputStream digested = new DigestInputStream(raw, md5);
        InputStream data = new GZIPInputStream(digested, 64 * 1024);
        ExportRecordReader records = ExportRecordReader.of(summary, data)) {
      List<ExportRecord> page = new ArrayList<>(pageSize);
      for (ExportRecord r = records.next(); r != null; r = records.next()) {
        offset++;
        if (offset <= skip) {
          continue;
        }
        page.add(r);
        if (page.size() == pageSize) {
          pages.accept(page, offset, false);
          page = new ArrayList<>(pageSize);
          if (stopped.getAsBoolean()) {
            return;
          }
        }
      }
      data.transferTo(OutputStream.nullOutputStream());
      digested.transferTo(OutputStream.nullOutputStream());
      check(file, where, offset, Base64.getEncoder().encodeToString(md5.digest()));
      pages.accept(page, offset, true);
    } catch (IOException e) {
      throw new ExportRefusedException(where, "cannot be read: " + e.getMessage());
    }
  }

  private static void check(ExportDataFile file, String where, long records, String md5) {
    if (records != file.itemCount()) {
      throw new ExportRefusedException(
          where,
          "holds "
              + records
              + " record(s), its manifest says "
              + file.itemCount()
              + ": the export is damaged; nothing of this table is reported as copied");
    }
    if (!md5.equals(file.md5())) {
      throw new ExportRefusedException(
          where,
          "has MD5 "
              + md5
              + ", its manifest says "
              + file.md5()
              + ": the export is damaged; nothing of this table is reported as copied");
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
