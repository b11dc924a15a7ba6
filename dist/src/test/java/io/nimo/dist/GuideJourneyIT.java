package io.nimo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The PolarDB guide's user journey on the tarball, with the guide's own commands, on a host whose
 * PATH has no {@code java} and no {@code JAVA_HOME}: edit conf/nimo-shake.conf, start nimo-shake
 * with nohup and its output discarded, check while the sync is live, repair a difference, then cut
 * over (stop writes, final check, stop nimo-shake). Everything a user needs afterwards is in {@code
 * logs/}. (Stage 3, the reverse sync, is not part of this release.)
 */
class GuideJourneyIT {
  private static final String SECRET = "guide-secret-value";

  @Test
  void walksTheGuideWithTheBundledRuntimeAndTheGuidesCommands(
      @TempDir Path unpacked, @TempDir Path bin) throws Exception {
    PackagedTool tool = PackagedTool.unpackCore(unpacked);
    assertThat(tool.root.resolve("jre/bin/java"))
        .as("tarball built with a bundled runtime")
        .exists();
    Path path = PackagedTool.pathWithoutJava(bin);
    try (DynamoLocal source = DynamoLocal.start();
        DynamoLocal target = DynamoLocal.start()) {
      TestTables.createHashOnly(source.client(), "src1", "id", ScalarAttributeType.S);
      TestTables.seed(source.client(), "src1", "id", 100, 5);
      TestTables.createHashOnly(source.client(), "other", "id", ScalarAttributeType.S);
      LiveWriter traffic = new LiveWriter(source.client(), "src1", 100, 20).start();
      int incrPort = DynamoLocal.freePort();
      int profilePort = DynamoLocal.freePort();

      // Step 1: edit conf/nimo-shake.conf with the guide's keys and start it as the guide does
      Map<String, String> v = new LinkedHashMap<>();
      v.put("sync_mode", "all");
      v.put("source.access_key_id", "AKIDLOCAL");
      v.put("source.secret_access_key", SECRET);
      v.put("source.region", "cn-north-1");
      v.put("source.endpoint_url", source.endpoint());
      v.put("target.address", target.endpoint());
      v.put("target.access_key_id", "polardbAK");
      v.put("target.secret_access_key", SECRET);
      v.put("filter.collection.white", "src1");
      v.put("full_sync.http_port", "0");
      v.put("system_profile", String.valueOf(profilePort));
      v.put("checkpoint.interval", "200ms");
      v.put("incr_sync.http_port", String.valueOf(incrPort));
      String shakeConf = tool.shippedConfWith(v);
      Files.writeString(tool.shakeHome().resolve("conf/nimo-shake.conf"), shakeConf);
      long pid =
          guide(
              tool.shakeHome(),
              path,
              "nohup ./bin/nimo-shake.linux.amd64 -conf=./conf/nimo-shake.conf > /dev/null 2>&1 & echo $!");
      Path shakeLog = tool.shakeHome().resolve("logs/nimo-shake.log");
      PackagedTool.awaitLog(shakeLog, "full sync done", ProcessHandle.of(pid).orElseThrow());
      awaitHttp("http://127.0.0.1:" + incrPort + "/metric", "src1");
      assertThat(httpGet("http://127.0.0.1:" + profilePort + "/debug/threads"))
          .contains("nimo-incr");
      // a second start of the same job is refused (exit 4), and says so in logs/
      int second =
          guideWait(
              tool.shakeHome(),
              path,
              "nohup ./bin/nimo-shake.linux.amd64 -conf=./conf/nimo-shake.conf > /dev/null 2>&1");
      assertThat(second).isEqualTo(4);
      assertThat(Files.readString(shakeLog)).contains("another run of this job holds");

      // Step 2: nimo-full-check.conf "follows the same structure as nimo-shake.conf"
      String checkConf =
          shakeConf + "\ndiff_output_file = nimo-full-check-diff\nrecheck_after = 5s\n";
      Files.writeString(tool.checkHome().resolve("conf/nimo-full-check.conf"), checkConf);
      Files.writeString(
          tool.checkHome().resolve("conf/nimo-repair.conf"),
          shakeConf + "\ndiff_output_file = nimo-full-check-diff\n");
      String check = "./bin/nimo-full-check.linux.amd64 -conf=./conf/nimo-full-check.conf";
      int live = guideWait(tool.checkHome(), path, check);
      assertThat(live).as("a check while the sync is live completes").isIn(0, 1);

      // Stage 5 / step 4: stop writes, wait for the last changes, final check
      traffic.stop();
      assertThat(guideWait(tool.checkHome(), path, check)).as(checkLog(tool)).isZero();

      // a difference the sync cannot fix by itself: check finds it, repair fixes it
      target.client().deleteItem(b -> b.tableName("src1").key(Map.of("id", TestItems.s("item-7"))));
      assertThat(guideWait(tool.checkHome(), path, check)).isEqualTo(1);
      Path report = tool.checkHome().resolve("nimo-full-check-diff/src1.jsonl");
      assertThat(Files.readString(report)).contains("MISSING").contains("item-7");
      int repaired =
          guideWait(
              tool.checkHome(),
              path,
              "./bin/nimo-repair.linux.amd64 -conf=./conf/nimo-repair.conf");
      assertThat(repaired).isZero();
      assertThat(guideWait(tool.checkHome(), path, check)).isZero();

      // the cutover runbook's last check: only the keys changed since that clean full check
      for (int i = 0; i < 3; i++) {
        int n = i;
        source
            .client()
            .putItem(
                b ->
                    b.tableName("src1")
                        .item(Map.of("id", TestItems.s("item-" + n), "v", TestItems.s("final"))));
      }
      awaitSame(source, target, "src1");
      Files.writeString(
          tool.checkHome().resolve("conf/nimo-full-check-changed.conf"),
          checkConf + "mode = changed\n");
      String changed =
          "./bin/nimo-full-check.linux.amd64 -conf=./conf/nimo-full-check-changed.conf";
      assertThat(guideWait(tool.checkHome(), path, changed)).as(checkLog(tool)).isZero();
      assertThat(checkLog(tool)).contains("3 key(s) changed since the epoch");
      Files.writeString(
          tool.checkHome().resolve("conf/nimo-full-check-none.conf"),
          checkConf + "mode = changed\ncheck.state_dir = ./no-state-here\n");
      assertThat(
              guideWait(
                  tool.checkHome(),
                  path,
                  "./bin/nimo-full-check.linux.amd64 -conf=./conf/nimo-full-check-none.conf"))
          .as("no usable epoch: exit 2")
          .isEqualTo(2);
      try (Stream<Path> dirs = Files.list(tool.checkHome())) {
        assertThat(dirs.map(p -> p.getFileName().toString()))
            .as("earlier reports are moved aside, not mixed with new ones")
            .anyMatch(n -> n.startsWith("nimo-full-check-diff-20"));
      }

      // stop nimo-shake: SIGTERM checkpoints and exits 0 while following the streams
      ProcessHandle shake = ProcessHandle.of(pid).orElseThrow();
      shake.destroy();
      shake.onExit().get(60, TimeUnit.SECONDS);
      assertThat(TableContents.diff(source.client(), target.client(), "src1")).isEmpty();
      assertThat(target.client().listTables().tableNames()).doesNotContain("other");

      // everything is in logs/, nothing secret
      String shakeText = Files.readString(shakeLog);
      assertThat(shakeText)
          .contains("full sync done")
          .contains("nimo-shake summary: INCREMENTAL_STOPPED")
          .contains("TOTAL 1 table(s)")
          .doesNotContain(SECRET);
      String checkText = checkLog(tool);
      assertThat(checkText)
          .contains("nimo-full-check summary: CONSISTENT")
          .contains("nimo-full-check summary: DIFFERENCES")
          .contains("TOTAL 1 table(s)")
          .contains("accepted but not used by nimo-full-check")
          .doesNotContain(SECRET);
      assertThat(Files.readString(tool.checkHome().resolve("logs/nimo-repair.log")))
          .contains("nimo-repair summary")
          .contains("written=1")
          .doesNotContain(SECRET);
    }
  }

  @Test
  void aLauncherThatFindsNoJavaSaysWhyInItsLog(@TempDir Path unpacked, @TempDir Path bin)
      throws Exception {
    PackagedTool tool = PackagedTool.unpackCore(unpacked);
    PackagedTool.deleteTree(tool.root.resolve("jre"));
    Path path = PackagedTool.pathWithoutJava(bin);

    int code =
        guideWait(
            tool.shakeHome(),
            path,
            "nohup ./bin/nimo-shake.linux.amd64 -conf=./conf/nimo-shake.conf > /dev/null 2>&1");

    assertThat(code).isEqualTo(2);
    assertThat(Files.readString(tool.shakeHome().resolve("logs/nimo-shake.log")))
        .contains("nimo-shake did not start: no Java 17 or newer found");
  }

  @Test
  void aConfTheToolRefusesIsRecordedInItsLog(@TempDir Path unpacked, @TempDir Path bin)
      throws Exception {
    PackagedTool tool = PackagedTool.unpackCore(unpacked);
    Path path = PackagedTool.pathWithoutJava(bin);
    Files.writeString(
        tool.shakeHome().resolve("conf/nimo-shake.conf"),
        tool.shippedConfWith(Map.of("target.address", "http://127.0.0.1:1"))
            + "\nsync_mdoe = all\n");

    int code =
        guideWait(
            tool.shakeHome(),
            path,
            "nohup ./bin/nimo-shake.linux.amd64 -conf=./conf/nimo-shake.conf > /dev/null 2>&1");

    assertThat(code).isEqualTo(2);
    assertThat(Files.readString(tool.shakeHome().resolve("logs/nimo-shake.log")))
        .contains("nimo-shake did not start: sync_mdoe: unknown key");
  }

  /** Runs a guide command line with bash in {@code dir}; returns what it printed (a PID). */
  private static void awaitSame(DynamoLocal source, DynamoLocal target, String table)
      throws Exception {
    TableContents.assertConverges(source.client(), target.client(), table);
  }

  private static long guide(Path dir, Path path, String command) throws Exception {
    Process p = shell(dir, path, command).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return Long.parseLong(out);
  }

  /** Runs a guide command line to its end; returns its exit code. */
  private static int guideWait(Path dir, Path path, String command) throws Exception {
    Process p = shell(dir, path, command).redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return p.exitValue();
  }

  private static ProcessBuilder shell(Path dir, Path path, String command) {
    ProcessBuilder pb = new ProcessBuilder(path.resolve("bash").toString(), "-c", command);
    pb.directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", path.toString());
    env.put("HOME", dir.toString());
    env.put("NIMO_JAVA_OPTS", "-Xmx512m");
    return pb;
  }

  private static String checkLog(PackagedTool tool) throws Exception {
    Path log = tool.checkHome().resolve("logs/nimo-full-check.log");
    return Files.exists(log) ? Files.readString(log) : "(no log)";
  }

  private static void awaitHttp(String url, String text) throws Exception {
    io.nimo.core.testkit.Await.until(
        "'" + text + "' at " + url,
        java.time.Duration.ofMinutes(2),
        () -> {
          try {
            return httpGet(url).contains(text);
          } catch (Exception notYet) {
            return false; // the incremental status server starts with the incremental phase
          }
        });
  }

  private static String httpGet(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
