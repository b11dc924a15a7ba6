package io.nimo.core.source.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nimo.core.item.ItemJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DYNAMODB_JSON records: one JSON object per line ({@code {"Item":…}}, or {@code {"Metadata":…,
 * "Keys":…, "OldImage":…, "NewImage":…}}), values in DynamoDB's wire JSON, numbers kept as written.
 */
final class JsonRecordReader implements ExportRecordReader {
  // the caller reads the file to its end for its MD5 after the last record: the parser must not
  // close the stream
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(com.fasterxml.jackson.core.JsonParser.Feature.AUTO_CLOSE_SOURCE);
  private final MappingIterator<JsonNode> lines;

  JsonRecordReader(InputStream data) throws IOException {
    this.lines = JSON.readerFor(JsonNode.class).readValues(data);
  }

  @Override
  public ExportRecord next() throws IOException {
    if (!lines.hasNextValue()) {
      return null;
    }
    JsonNode n = lines.nextValue();
    if (n.has("Item")) {
      return new ExportRecord.Image(ItemJson.fromNode(n.get("Item")));
    }
    if (n.has("Keys")) {
      return new ExportRecord.Change(
          ItemJson.fromNode(n.get("Keys")),
          image(n.get("OldImage")),
          image(n.get("NewImage")),
          n.path("Metadata").path("WriteTimestampMicros").path("N").asLong(0));
    }
    throw new IOException("a record with neither Item nor Keys: " + abbreviate(n.toString()));
  }

  private static Map<String, AttributeValue> image(JsonNode n) {
    return n == null || n.isNull() ? null : ItemJson.fromNode(n);
  }

  static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
