package io.nimo.core.source.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One data file of an export, as {@code manifest-files.json} lists it.
 *
 * @param key the object's key from the bucket's root
 * @param itemCount the records in it
 * @param md5 Base64 of the MD5 of the stored (gzip) bytes
 */
public record ExportDataFile(String key, long itemCount, String md5) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads {@code manifest-files.json}: one JSON object per line.
   *
   * @param text the file's text
   * @param where the file, for errors
   * @return the files, in the manifest's order
   * @throws ExportRefusedException when a line is not a file entry
   */
  public static List<ExportDataFile> parseManifest(String text, String where) {
    List<ExportDataFile> out = new ArrayList<>();
    int line = 0;
    for (String l : text.split("\n")) {
      line++;
      if (l.isBlank()) {
        continue;
      }
      JsonNode n;
      try {
        n = JSON.readTree(l);
      } catch (IOException e) {
        throw new ExportRefusedException(where, "line " + line + " is not JSON: " + e.getMessage());
      }
      JsonNode key = n.get("dataFileS3Key");
      JsonNode md5 = n.get("md5Checksum");
      if (key == null || md5 == null || !n.has("itemCount")) {
        throw new ExportRefusedException(
            where, "line " + line + " lacks dataFileS3Key, md5Checksum or itemCount");
      }
      out.add(new ExportDataFile(key.asText(), n.get("itemCount").asLong(), md5.asText()));
    }
    return List.copyOf(out);
  }
}
