package io.nimo.core.source.export;

import java.io.IOException;
import java.io.InputStream;

/** Reads the records of one (uncompressed) data file in order. */
interface ExportRecordReader extends AutoCloseable {

  /**
   * The next record.
   *
   * @return it, or {@code null} at the end of the file
   * @throws IOException when the file cannot be read or parsed
   */
  ExportRecord next() throws IOException;

  @Override
  void close() throws IOException;

  /** A reader for the format an export's summary names. */
  static ExportRecordReader of(ExportSummary summary, InputStream data) throws IOException {
    return summary.ion() ? new IonRecordReader(data) : new JsonRecordReader(data);
  }
}
