package io.nimo.core.source.export;

import io.nimo.core.s3.ObjectStore;
import io.nimo.core.source.ScanPage;
import io.nimo.core.source.SegmentReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A full export's data files as the full sync's segments: segment {@code i} is the manifest's
 * {@code i}-th file, and a page's position is how many records of the file are read, so a resumed
 * file goes on after its last written record.
 */
public final class ExportSegments implements SegmentReader {
  /** The position attribute of a page: records of the file read with it. */
  static final String OFFSET = "nimo:export_offset";

  /**
   * In the pages of an incremental export's segments: an attribute marking an item that stands for
   * a removal (the item then holds only the key attributes and this mark).
   */
  public static final String REMOVED = "nimo:removed";

  private final FoundExport export;
  private final ExportFileReader reader;

  /**
   * The segments of a found export.
   *
   * @param store where its files are
   * @param pageSize records per page
   */
  public ExportSegments(ObjectStore store, FoundExport export, int pageSize) {
    this.export = export;
    this.reader = new ExportFileReader(store, export.bucket(), export.summary(), pageSize);
  }

  /** How many segments (data files) there are. */
  public int count() {
    return export.files().size();
  }

  /** A full export's image as it is; an incremental export's change as its new image or mark. */
  private Map<String, AttributeValue> item(ExportRecord r) {
    if (r instanceof ExportRecord.Image image) {
      if (export.summary().incremental()) {
        throw new ExportRefusedException(export.summaryUri(), "holds full images");
      }
      return image.item();
    }
    ExportRecord.Change c = (ExportRecord.Change) r;
    if (!export.summary().incremental()) {
      throw new ExportRefusedException(
          export.summaryUri(), "holds change records: a full export is needed here");
    }
    if (c.newImage() != null) {
      return c.newImage();
    }
    Map<String, AttributeValue> removed = new java.util.LinkedHashMap<>(c.keys());
    removed.put(REMOVED, AttributeValue.fromBool(true));
    return removed;
  }

  @Override
  public void scanSegment(
      String table,
      int segment,
      int totalSegments,
      Map<String, AttributeValue> startKey,
      PageSink sink,
      BooleanSupplier stopped)
      throws InterruptedException {
    if (totalSegments != count()) {
      throw new IllegalStateException(
          "table "
              + table
              + ": "
              + totalSegments
              + " segments asked of an export of "
              + count()
              + " file(s)");
    }
    long skip = startKey == null ? 0 : Long.parseLong(startKey.get(OFFSET).n());
    reader.read(
        export.files().get(segment),
        skip,
        (records, offset, last) -> {
          List<Map<String, AttributeValue>> items = new ArrayList<>(records.size());
          for (ExportRecord r : records) {
            items.add(item(r));
          }
          Map<String, AttributeValue> position =
              last ? null : Map.of(OFFSET, AttributeValue.fromN(Long.toString(offset)));
          sink.accept(new ScanPage(segment, items, position, items.size()));
        },
        stopped);
  }
}
