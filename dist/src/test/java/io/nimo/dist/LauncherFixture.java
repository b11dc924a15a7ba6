package io.nimo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.Await;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The packaged nimo-shake and a source table {@code events} of {@link #ITEMS} items, shared by the
 * ITs that run bin/nimo-shake.linux.amd64 as a user would, with their waits on a running tool.
 */
final class LauncherFixture implements AutoCloseable {
  static final int ITEMS = 3_000;
  final PackagedTool tool;
  final DynamoLocal source;

  private LauncherFixture(PackagedTool tool, DynamoLocal source) {
    this.tool = tool;
    this.source = source;
  }

  static LauncherFixture start(Path unpacked) throws Exception {
    PackagedTool tool = PackagedTool.unpackCore(unpacked);
    DynamoLocal source = DynamoLocal.start();
    TestTables.createHashOnly(source.client(), "events", "id", ScalarAttributeType.S);
    Random rnd = new Random(3);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      items.add(TestItems.ordinary("id", TestItems.s("ev-" + i), rnd));
    }
    TestTables.put(source.client(), "events", items);
    return new LauncherFixture(tool, source);
  }

  /** A full sync conf from the source to {@code target} under job id {@code id}. */
  Map<String, String> conf(DynamoLocal target, String id) {
    Map<String, String> v = PackagedTool.localEndpoints(source, target, "local-secret-value");
    v.put("id", id);
    v.put("sync_mode", "full");
    v.put("full_sync.http_port", "0");
    v.put("checkpoint.interval", "100ms");
    return v;
  }

  /** Waits until the target table equals the source one while the tool runs. */
  void awaitEqual(DynamoLocal target, String table, Process p, Path log) throws Exception {
    List<String> diff =
        Await.settle(
            java.time.Duration.ofSeconds(120),
            java.time.Duration.ofMillis(300),
            () -> {
              assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
              return TableContents.diff(source.client(), target.client(), table);
            },
            List::isEmpty);
    assertThat(diff).as("table %s on the target", table).isEmpty();
  }

  @Override
  public void close() {
    source.close();
  }

  static long spooledBytes(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".spool"))
          .mapToLong(f -> f.toFile().length())
          .sum();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Waits (up to 3 min) for a state of a running tool; fails at once if the tool has ended. */
  static void awaitCondition(String what, Process p, java.util.function.BooleanSupplier done)
      throws Exception {
    Await.until(
        what,
        java.time.Duration.ofMinutes(3),
        () -> {
          assertThat(p.isAlive()).as("the tool ended before: " + what).isTrue();
          return done.getAsBoolean();
        });
  }

  /** How often {@code text} appears in a log file so far. */
  static int occurrences(Path log, String text) {
    try {
      String all = Files.exists(log) ? Files.readString(log) : "";
      return all.split(java.util.regex.Pattern.quote(text), -1).length - 1;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void awaitFile(Path file, String content, Process p) throws Exception {
    awaitCondition(
        "'" + content + "' in " + file,
        p,
        () -> {
          try {
            return Files.exists(file) && Files.readString(file).contains(content);
          } catch (java.io.IOException beingWritten) {
            return false;
          }
        });
  }

  /**
   * Waits until the segment checkpoints of a running tool count at least {@code items} written
   * items.
   */
  static void awaitWritten(Path checkpoint, long items, Process p) throws Exception {
    awaitCondition(
        items + " items written in the checkpoint",
        p,
        () -> writtenInCheckpoint(checkpoint) >= items);
  }

  static long writtenInCheckpoint(Path file) {
    try {
      String json = Files.readString(file);
      return java.util.regex.Pattern.compile("\"items_written\" : (\\d+)")
          .matcher(json)
          .results()
          .mapToLong(m -> Long.parseLong(m.group(1)))
          .sum();
    } catch (Exception e) {
      return 0;
    }
  }
}
