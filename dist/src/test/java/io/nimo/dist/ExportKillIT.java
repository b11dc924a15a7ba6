package io.nimo.dist;

import static io.nimo.dist.LauncherFixture.awaitWritten;
import static io.nimo.dist.LauncherFixture.writtenInCheckpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.item.ItemEquality;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.S3Local;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.export.ExportWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The packaged nimo-shake loading an export ({@code full.source = export}) killed with SIGKILL
 * mid-load and run again: the finished data files are not read again, the half-read ones go on past
 * their last checkpointed record, and the target ends holding exactly the export.
 */
class ExportKillIT {
  private static final int ITEMS = 60_000;
  private static final int FILES = 6;
  @TempDir static Path unpacked;
  private static LauncherFixture fx;
  private static S3Local s3;
  private static List<Map<String, AttributeValue>> exported;

  @BeforeAll
  static void setUp() throws Exception {
    fx = LauncherFixture.start(unpacked);
    s3 = S3Local.start();
    s3.bucket("exports");
    String arn = fx.source.client().describeTable(b -> b.tableName("events")).table().tableArn();
    Random rnd = new Random(9);
    exported = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      exported.add(TestItems.ordinary("id", TestItems.s("exported-" + i), rnd));
    }
    new ExportWriter(s3.client(), "exports", 1)
        .full(
            "nightly/events",
            arn,
            Instant.now(),
            ExportWriter.Format.DYNAMODB_JSON,
            exported,
            FILES);
  }

  @AfterAll
  static void tearDown() {
    s3.close();
    fx.close();
  }

  private static long readInSummary(String output) {
    Matcher m = Pattern.compile("events\\s+DONE\\s+read=(\\d+)").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static int doneFiles(Path checkpoint) throws Exception {
    return (int)
        Pattern.compile("\"done\" : true").matcher(Files.readString(checkpoint)).results().count();
  }

  @Test
  void resumesAnExportLoadAfterSigkillWithoutReadingFinishedFilesAgain(@TempDir Path work)
      throws Exception {
    try (DynamoLocal target = DynamoLocal.start()) {
      Map<String, String> v = fx.conf(target, "export-kill");
      v.put("filter.collection.white", "events");
      v.put("full.source", "export");
      v.put("full.export.s3_uri", "s3://exports/nightly");
      v.put("full.export.s3_endpoint", s3.endpoint());
      v.put("full.read.concurrency", "2");
      Path conf = work.resolve("export.conf");
      Files.writeString(conf, fx.tool.shippedConfWith(v), StandardCharsets.UTF_8);
      Path cp = fx.tool.shakeHome().resolve("checkpoint/export-kill-checkpoint/full.events.json");

      Process p = fx.tool.start(work, work.resolve("first.log"), "-conf=" + conf);
      awaitWritten(cp, ITEMS / FILES + 1000, p);
      p.destroyForcibly().waitFor();
      long written = writtenInCheckpoint(cp);
      int done = doneFiles(cp);
      assertThat(written).isLessThan(ITEMS);
      assertThat(Files.readString(cp)).contains("\"bulk_origin\" : \"export s3://exports/nightly");

      PackagedTool.Result r = fx.tool.run(work, "-conf=" + conf);

      assertThat(r.exitCode()).as(r.output()).isZero();
      assertThat(r.output()).contains("resuming from checkpoint");
      assertThat(readInSummary(r.output()))
          .as("records read by the second run: not those of the %d finished file(s)", done)
          .isLessThanOrEqualTo(ITEMS - (long) done * (ITEMS / FILES));
      Map<String, Map<String, AttributeValue>> onTarget =
          TableContents.read(target.client(), "events");
      assertThat(onTarget).hasSize(ITEMS);
      Map<String, Map<String, AttributeValue>> want = new java.util.HashMap<>();
      exported.forEach(i -> want.put(i.get("id").s(), i));
      // equal as DynamoDB compares (the target normalises 65660.80 to 65660.8, as DynamoDB does)
      onTarget
          .values()
          .forEach(
              i ->
                  assertThat(ItemEquality.equal(i, want.get(i.get("id").s())))
                      .as(i.get("id").s())
                      .isTrue());
    }
  }
}
