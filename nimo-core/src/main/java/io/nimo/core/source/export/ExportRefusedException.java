package io.nimo.core.source.export;

/**
 * An export nimo will not copy from (another table's, unfinished, incremental where a full one is
 * needed, a data file missing or not what its manifest says), naming the file.
 */
public class ExportRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A refusal.
   *
   * @param file the file (s3://bucket/key) the reason is about
   * @param reason why
   */
  public ExportRefusedException(String file, String reason) {
    super(file + " " + reason);
  }
}
