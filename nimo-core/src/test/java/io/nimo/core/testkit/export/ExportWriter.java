package io.nimo.core.testkit.export;

import com.amazon.ion.IonType;
import com.amazon.ion.IonWriter;
import com.amazon.ion.system.IonTextWriterBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nimo.core.item.ItemJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes DynamoDB exports into a bucket exactly as AWS lays them out (the reference's sections
 * 1-7): {@code <prefix>/AWSDynamoDB/<export-id>/_started}, gzip data files named by 26 base32
 * letters, {@code manifest-files.json} (JSON lines, MD5 of the stored bytes, one-part ETags),
 * {@code manifest-summary.json} (one compact line) and their {@code .md5} files; DYNAMODB_JSON and
 * ION (ion-java's text, one {@code $ion_1_0 {...}} per line); full and incremental exports
 * (incremental data under the shared {@code AWSDynamoDB/data/}).
 */
public final class ExportWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  /** The data format. */
  public enum Format {
    DYNAMODB_JSON,
    ION
  }

  /**
   * A key's net change in an incremental export.
   *
   * @param keys the key attributes
   * @param oldImage before, or {@code null}
   * @param newImage after, or {@code null} for a delete
   */
  public record Change(
      Map<String, AttributeValue> keys,
      Map<String, AttributeValue> oldImage,
      Map<String, AttributeValue> newImage) {}

  /**
   * What was written.
   *
   * @param folder the export's folder key (no trailing slash)
   * @param summaryKey its manifest-summary.json
   * @param exportArn its ARN
   * @param dataKeys its data files
   */
  public record Written(String folder, String summaryKey, String exportArn, List<String> dataKeys) {
    /** The folder as an s3:// URI. */
    public String uri(String bucket) {
      return "s3://" + bucket + "/" + folder;
    }
  }

  private final S3Client s3;
  private final String bucket;
  private final Random random;

  /**
   * A writer into a bucket.
   *
   * @param seed names and ids come from it
   */
  public ExportWriter(S3Client s3, String bucket, long seed) {
    this.s3 = s3;
    this.bucket = bucket;
    this.random = new Random(seed);
  }

  /** A full export of {@code items} at {@code exportTime}, spread over {@code files} files. */
  public Written full(
      String prefix,
      String tableArn,
      Instant exportTime,
      Format format,
      List<Map<String, AttributeValue>> items,
      int files) {
    List<byte[]> records = new ArrayList<>();
    for (Map<String, AttributeValue> item : items) {
      Map<String, Map<String, AttributeValue>> r = new LinkedHashMap<>();
      r.put("Item", item);
      records.add(record(format, r, -1));
    }
    return write(prefix, tableArn, exportTime, null, format, records, files);
  }

  /** An incremental export of the window {@code [from, to)}. */
  public Written incremental(
      String prefix,
      String tableArn,
      Instant from,
      Instant to,
      Format format,
      List<Change> changes,
      int files) {
    List<byte[]> records = new ArrayList<>();
    long micros = to.toEpochMilli() * 1000 - 1;
    for (Change c : changes) {
      Map<String, Map<String, AttributeValue>> r = new LinkedHashMap<>();
      r.put("Keys", c.keys());
      if (c.oldImage() != null) {
        r.put("OldImage", c.oldImage());
      }
      if (c.newImage() != null) {
        r.put("NewImage", c.newImage());
      }
      records.add(record(format, r, micros));
    }
    return write(prefix, tableArn, from, to, format, records, files);
  }

  private Written write(
      String prefix,
      String tableArn,
      Instant time,
      Instant to,
      Format format,
      List<byte[]> records,
      int files) {
    boolean incremental = to != null;
    Instant start = incremental ? to.plusSeconds(60) : time;
    String id = String.format("%014d-%08x", start.toEpochMilli(), random.nextInt());
    String root = (prefix == null || prefix.isEmpty() ? "" : prefix + "/") + "AWSDynamoDB/";
    String folder = root + id;
    String arn = tableArn + "/export/" + id;
    put(folder + "/_started", new byte[0]);
    String suffix = format == Format.ION ? ".ion.gz" : ".json.gz";
    StringBuilder manifest = new StringBuilder();
    List<String> dataKeys = new ArrayList<>();
    int n = Math.max(1, files);
    for (int f = 0; f < n; f++) {
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      long count = 0;
      try (GZIPOutputStream gz = new GZIPOutputStream(raw)) {
        for (int i = f; i < records.size(); i += n) {
          if (format == Format.ION && count > 0) {
            gz.write(' ');
          }
          gz.write(records.get(i));
          gz.write('\n');
          count++;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      byte[] bytes = raw.toByteArray();
      String key = (incremental ? root + "data/" : folder + "/data/") + name() + suffix;
      put(key, bytes);
      dataKeys.add(key);
      byte[] md5 = md5(bytes);
      manifest
          .append("{\"itemCount\":")
          .append(count)
          .append(",\"md5Checksum\":\"")
          .append(Base64.getEncoder().encodeToString(md5))
          .append("\",\"etag\":\"")
          .append(HexFormat.of().formatHex(md5(md5)))
          .append("-1\",\"dataFileS3Key\":\"")
          .append(key)
          .append("\"}\n");
    }
    String filesKey = folder + "/manifest-files.json";
    putWithMd5(filesKey, manifest.toString());
    ObjectNode s = JSON.createObjectNode();
    s.put("version", incremental ? "2023-08-01" : "2020-06-30");
    s.put("exportArn", arn);
    s.put("startTime", start.toString());
    s.put("endTime", start.plusSeconds(300).toString());
    s.put("tableArn", tableArn);
    s.put("tableId", "cf263806-6bf1-4e51-a242-7067dcdecc72");
    if (incremental) {
      s.put("exportFromTime", time.toString());
      s.put("exportToTime", to.toString());
    } else {
      s.put("exportTime", time.toString());
    }
    s.put("s3Bucket", bucket);
    if (prefix == null || prefix.isEmpty()) {
      s.putNull("s3Prefix");
    } else {
      s.put("s3Prefix", prefix);
    }
    s.put("s3SseAlgorithm", "AES256");
    s.putNull("s3SseKmsKeyId");
    s.put("manifestFilesS3Key", filesKey);
    s.put("billedSizeBytes", incremental ? 10_000_000 : 0);
    s.put("itemCount", records.size());
    s.put("outputFormat", format.name());
    if (incremental) {
      s.put("outputView", "NEW_AND_OLD_IMAGES");
      s.put("exportType", "INCREMENTAL_EXPORT");
    }
    String summaryKey = folder + "/manifest-summary.json";
    putWithMd5(summaryKey, s.toString());
    return new Written(folder, summaryKey, arn, List.copyOf(dataKeys));
  }

  private byte[] record(
      Format format, Map<String, Map<String, AttributeValue>> parts, long micros) {
    if (format == Format.DYNAMODB_JSON) {
      ObjectNode r = JSON.createObjectNode();
      if (micros >= 0) {
        r.putObject("Metadata").putObject("WriteTimestampMicros").put("N", Long.toString(micros));
      }
      parts.forEach((name, item) -> r.set(name, ItemJson.toNode(item)));
      return r.toString().getBytes(StandardCharsets.UTF_8);
    }
    StringBuilder text = new StringBuilder("$ion_1_0 ");
    try (IonWriter w = IonTextWriterBuilder.standard().build(text)) {
      w.stepIn(IonType.STRUCT);
      if (micros >= 0) {
        w.setFieldName("Metadata");
        w.stepIn(IonType.STRUCT);
        w.setFieldName("WriteTimestampMicros");
        w.writeDecimal(new BigDecimal(micros));
        w.stepOut();
      }
      for (Map.Entry<String, Map<String, AttributeValue>> e : parts.entrySet()) {
        w.setFieldName(e.getKey());
        struct(w, e.getValue());
      }
      w.stepOut();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void struct(IonWriter w, Map<String, AttributeValue> item) throws IOException {
    w.stepIn(IonType.STRUCT);
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      w.setFieldName(e.getKey());
      value(w, e.getValue());
    }
    w.stepOut();
  }

  private static void value(IonWriter w, AttributeValue v) throws IOException {
    switch (v.type()) {
      case S -> w.writeString(v.s());
      case N -> w.writeDecimal(new BigDecimal(v.n()).stripTrailingZeros());
      case B -> w.writeBlob(v.b().asByteArray());
      case BOOL -> w.writeBool(v.bool());
      case NUL -> w.writeNull();
      case M -> struct(w, v.m());
      case L -> {
        w.stepIn(IonType.LIST);
        for (AttributeValue x : v.l()) {
          value(w, x);
        }
        w.stepOut();
      }
      case SS -> set(w, "$dynamodb_SS", v.ss().stream().map(AttributeValue::fromS).toList());
      case NS -> set(w, "$dynamodb_NS", v.ns().stream().map(AttributeValue::fromN).toList());
      case BS -> set(w, "$dynamodb_BS", v.bs().stream().map(AttributeValue::fromB).toList());
      default -> throw new IllegalArgumentException("unknown type " + v.type());
    }
  }

  private static void set(IonWriter w, String annotation, List<AttributeValue> values)
      throws IOException {
    w.setTypeAnnotations(annotation);
    w.stepIn(IonType.LIST);
    for (AttributeValue x : values) {
      value(w, x);
    }
    w.stepOut();
  }

  private void putWithMd5(String key, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    put(key, bytes);
    put(
        key.replaceAll("\\.json$", ".md5"),
        Base64.getEncoder().encodeToString(md5(bytes)).getBytes(StandardCharsets.US_ASCII));
  }

  /** Writes an object (also to damage an export in a test). */
  public void put(String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
  }

  /** Deletes an object (to leave an export incomplete in a test). */
  public void delete(String key) {
    s3.deleteObject(b -> b.bucket(bucket).key(key));
  }

  private String name() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 26; i++) {
      b.append(BASE32.charAt(random.nextInt(32)));
    }
    return b.toString();
  }

  private static byte[] md5(byte[] bytes) {
    try {
      return MessageDigest.getInstance("MD5").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
