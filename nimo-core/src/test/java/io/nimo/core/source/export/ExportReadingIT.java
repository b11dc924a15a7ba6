package io.nimo.core.source.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.item.ItemEquality;
import io.nimo.core.item.ItemJson;
import io.nimo.core.s3.S3ObjectStore;
import io.nimo.core.source.ScanPage;
import io.nimo.core.testkit.S3Local;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.export.ExportWriter;
import io.nimo.core.testkit.export.ExportWriter.Format;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Exports written as AWS lays them out, into a real S3-compatible server, read back through the
 * finder and the data files as segments: every DynamoDB type exactly, in both formats; every kind
 * of damaged or wrong export refused naming the file.
 */
class ExportReadingIT {
  private static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/orders";
  private static S3Local s3;
  private static S3ObjectStore store;
  private static int buckets;

  @BeforeAll
  static void start() {
    s3 = S3Local.start();
    store =
        S3ObjectStore.open(
            "us-east-1",
            s3.endpoint(),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")));
  }

  @AfterAll
  static void stop() {
    store.close();
    s3.close();
  }

  private static String bucket() {
    String b = "exports-" + ++buckets;
    s3.bucket(b);
    return b;
  }

  static List<Map<String, AttributeValue>> items() {
    List<AttributeValue> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.add(TestItems.s("edge-" + i));
    }
    List<Map<String, AttributeValue>> out = new ArrayList<>(TestItems.edgeCases("id", keys));
    Random rnd = new Random(11);
    for (int i = 0; i < 200; i++) {
      out.add(TestItems.ordinary("id", TestItems.s("item-" + i), rnd));
    }
    return out;
  }

  /** Every item of every segment, by key, and the pages' count. */
  private static Map<String, Map<String, AttributeValue>> readAll(FoundExport e) throws Exception {
    ExportSegments segments = new ExportSegments(store, e, 16);
    Map<String, Map<String, AttributeValue>> out = new LinkedHashMap<>();
    for (int s = 0; s < segments.count(); s++) {
      List<ScanPage> pages = new ArrayList<>();
      segments.scanSegment("orders", s, segments.count(), null, pages::add, () -> false);
      assertThat(pages).isNotEmpty();
      assertThat(pages.get(pages.size() - 1).lastEvaluatedKey()).as("the file's end").isNull();
      pages.forEach(p -> p.items().forEach(i -> out.put(i.get("id").s(), i)));
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void everyTypeAtDynamoDbsLimitsReadsBackExactlyFromAFullExport(Format format) throws Exception {
    String bucket = bucket();
    List<Map<String, AttributeValue>> items = items();
    var written =
        new ExportWriter(s3.client(), bucket, 1)
            .full(
                "nightly/orders", ARN, Instant.parse("2026-12-01T10:00:00.000Z"), format, items, 4);

    FoundExport e = new ExportFinder(store).at(bucket, written.folder());
    ExportFinder.requireFullExportOf(e, ARN);
    assertThat(e.files()).hasSize(4);
    assertThat(e.summary().exportTime()).isEqualTo(Instant.parse("2026-12-01T10:00:00.000Z"));
    Map<String, Map<String, AttributeValue>> read = readAll(e);

    assertThat(read).hasSize(items.size());
    for (Map<String, AttributeValue> item : items) {
      Map<String, AttributeValue> back = read.get(item.get("id").s());
      assertThat(ItemEquality.equal(item, back)).as(ItemJson.write(item)).isTrue();
      if (format == Format.DYNAMODB_JSON) {
        assertThat(ItemJson.write(back)).as("numbers as written").isEqualTo(ItemJson.write(item));
      }
    }
  }

  @Test
  void ionLinesAreWhatAwsWrites() {
    String bucket = bucket();
    var written =
        new ExportWriter(s3.client(), bucket, 2)
            .full(
                null,
                ARN,
                Instant.parse("2026-12-01T10:00:00.000Z"),
                Format.ION,
                List.of(item("a", "600"), item("b", "1E-130")),
                1);
    byte[] gz =
        s3.client()
            .getObjectAsBytes(b -> b.bucket(bucket).key(written.dataKeys().get(0)))
            .asByteArray();
    String text;
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
    assertThat(text)
        .isEqualTo("$ion_1_0 {Item:{id:\"a\",n:6d2}}\n $ion_1_0 {Item:{id:\"b\",n:1d-130}}\n");
  }

  private static Map<String, AttributeValue> item(String id, String n) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put("id", TestItems.s(id));
    m.put("n", TestItems.n(n));
    return m;
  }

  @Test
  void theNewestFinishedFullExportUnderAPrefixIsChosen() {
    String bucket = bucket();
    ExportWriter w = new ExportWriter(s3.client(), bucket, 3);
    List<Map<String, AttributeValue>> one = List.of(Map.of("id", TestItems.s("x")));
    w.full("p/orders", ARN, Instant.parse("2026-12-01T10:00:00Z"), Format.DYNAMODB_JSON, one, 1);
    var newest = w.full("p/orders", ARN, Instant.parse("2026-12-03T10:00:00Z"), Format.ION, one, 2);
    var unfinished =
        w.full("p/orders", ARN, Instant.parse("2026-12-05T10:00:00Z"), Format.ION, one, 1);
    w.delete(unfinished.summaryKey());
    w.incremental(
        "p/orders",
        ARN,
        Instant.parse("2026-12-04T10:00:00Z"),
        Instant.parse("2026-12-04T11:00:00Z"),
        Format.DYNAMODB_JSON,
        List.of(),
        1);

    var found =
        new ExportFinder(store).newest(ExportLocation.parse("s3://" + bucket + "/p"), "orders");
    assertThat(found).isPresent();
    assertThat(found.get().summary().exportArn()).isEqualTo(newest.exportArn());
    assertThat(
            new ExportFinder(store).newest(ExportLocation.parse("s3://" + bucket + "/p"), "users"))
        .isEmpty();
  }

  @Test
  void exportsThatCannotBeCopiedAreRefusedNamingTheFile() {
    String bucket = bucket();
    ExportWriter w = new ExportWriter(s3.client(), bucket, 4);
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    List<Map<String, AttributeValue>> items = items();
    ExportFinder finder = new ExportFinder(store);

    var other = w.full("a", ARN.replace("orders", "users"), t, Format.DYNAMODB_JSON, items, 2);
    assertThatThrownBy(
            () -> ExportFinder.requireFullExportOf(finder.at(bucket, other.folder()), ARN))
        .isInstanceOf(ExportRefusedException.class)
        .hasMessageContaining(other.summaryKey())
        .hasMessageContaining("table/users");

    var incr = w.incremental("b", ARN, t, t.plusSeconds(3600), Format.DYNAMODB_JSON, List.of(), 1);
    assertThatThrownBy(
            () -> ExportFinder.requireFullExportOf(finder.at(bucket, incr.folder()), ARN))
        .hasMessageContaining("incremental");

    var noSummary = w.full("c", ARN, t, Format.ION, items, 2);
    w.delete(noSummary.summaryKey());
    assertThatThrownBy(() -> finder.at(bucket, noSummary.folder()))
        .hasMessageContaining(noSummary.summaryKey())
        .hasMessageContaining("unfinished");

    var noFiles = w.full("d", ARN, t, Format.ION, items, 2);
    w.delete(noFiles.folder() + "/manifest-files.json");
    assertThatThrownBy(() -> finder.at(bucket, noFiles.folder()))
        .hasMessageContaining(noFiles.folder() + "/manifest-files.json");

    var noData = w.full("e", ARN, t, Format.DYNAMODB_JSON, items, 3);
    w.delete(noData.dataKeys().get(1));
    assertThatThrownBy(() -> finder.at(bucket, noData.folder()))
        .hasMessageContaining(noData.dataKeys().get(1))
        .hasMessageContaining("does not exist");
  }

  @Test
  void aDataFileThatIsNotWhatItsManifestSaysStopsTheReadNamingIt() {
    String bucket = bucket();
    ExportWriter w = new ExportWriter(s3.client(), bucket, 5);
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    var good = w.full("x", ARN, t, Format.DYNAMODB_JSON, items(), 2);
    var damaged = w.full("y", ARN, t, Format.DYNAMODB_JSON, items(), 2);
    // another export's file under this one's name: a valid gzip, other bytes and count
    byte[] foreign =
        s3.client()
            .getObjectAsBytes(b -> b.bucket(bucket).key(good.dataKeys().get(0)))
            .asByteArray();
    var small = w.full("z", ARN, t, Format.DYNAMODB_JSON, items().subList(0, 3), 1);
    byte[] fewer =
        s3.client()
            .getObjectAsBytes(b -> b.bucket(bucket).key(small.dataKeys().get(0)))
            .asByteArray();
    w.put(damaged.dataKeys().get(1), fewer);
    FoundExport e = new ExportFinder(store).at(bucket, damaged.folder());
    assertThatThrownBy(() -> readAll(e))
        .isInstanceOf(ExportRefusedException.class)
        .hasMessageContaining(damaged.dataKeys().get(1))
        .hasMessageContaining("its manifest says");
    assertThat(foreign).isNotEmpty();
  }

  @Test
  void aHalfReadFileResumesAfterItsLastWrittenRecord() throws Exception {
    String bucket = bucket();
    List<Map<String, AttributeValue>> items = items();
    var written =
        new ExportWriter(s3.client(), bucket, 6)
            .full(null, ARN, Instant.parse("2026-12-01T10:00:00Z"), Format.ION, items, 1);
    FoundExport e = new ExportFinder(store).at(bucket, written.folder());
    ExportSegments segments = new ExportSegments(store, e, 10);
    List<ScanPage> first = new ArrayList<>();
    segments.scanSegment("orders", 0, 1, null, first::add, () -> first.size() == 3);
    assertThat(first).hasSize(3);
    Map<String, AttributeValue> position = first.get(2).lastEvaluatedKey();
    List<ScanPage> rest = new ArrayList<>();
    segments.scanSegment("orders", 0, 1, position, rest::add, () -> false);
    List<String> ids = new ArrayList<>();
    first.forEach(p -> p.items().forEach(i -> ids.add(i.get("id").s())));
    rest.forEach(p -> p.items().forEach(i -> ids.add(i.get("id").s())));
    assertThat(ids).hasSize(items.size()).doesNotHaveDuplicates();
  }
}
