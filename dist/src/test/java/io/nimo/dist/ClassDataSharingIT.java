package io.nimo.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The class-data sharing archives the tarball ships ({@code <tool>/lib/classes.jsa}, trained at
 * build time on the staged files): the launchers map them wherever the tarball is unpacked, and a
 * changed jar makes the JVM ignore the archive instead of failing.
 */
class ClassDataSharingIT {
  private static final String SHARED = "source: shared objects file (top)";
  private static DynamoLocal source;
  private static DynamoLocal target;
  @TempDir static Path unpacked;
  private static PackagedTool tool;

  @BeforeAll
  static void setUp() throws Exception {
    tool = PackagedTool.unpackCore(unpacked);
    assumeTrue(
        Files.exists(tool.root.resolve("jre")), "the tarball was built without a bundled runtime");
    source = DynamoLocal.start();
    target = DynamoLocal.start();
    TestTables.createHashOnly(source.client(), "events", "id", ScalarAttributeType.S);
    TestTables.seed(source.client(), "events", "id", 500, 5);
  }

  @AfterAll
  static void tearDown() {
    if (source != null) {
      source.close();
      target.close();
    }
  }

  /** Runs a full sync of {@code events} with {@code t}'s nimo-shake and these JVM flags. */
  private static PackagedTool.Result runShake(PackagedTool t, Path work, String id, String javaOpts)
      throws Exception {
    Map<String, String> shake = PackagedTool.localEndpoints(source, target, "local");
    shake.put("id", id);
    shake.put("sync_mode", "full");
    shake.put("full_sync.http_port", "0");
    shake.put("target.db.exist", "drop");
    Files.writeString(work.resolve(id + ".conf"), t.shippedConfWith(shake));
    return t.runWithJavaOpts(
        t.shakeHome().resolve("bin/nimo-shake.linux.amd64"),
        work,
        javaOpts,
        "-conf=" + id + ".conf");
  }

  @Test
  void nimoShakeAndNimoFullCheckLoadTheirClassesFromTheShippedArchives(@TempDir Path work)
      throws Exception {
    // -Xshare:on: the JVM refuses to start unless it maps the archive
    PackagedTool.Result r =
        runShake(
            tool,
            work,
            "cds",
            "-Xshare:on -Xlog:class+load=info:file=" + work.resolve("shake-classes.txt"));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(TableContents.diff(source.client(), target.client(), "events")).isEmpty();
    assertMostlyShared(
        work.resolve("shake-classes.txt"),
        "io.nimo.shake.NimoShakeMain",
        "software.amazon.awssdk.services.dynamodb.model.ScanRequest");

    Files.writeString(
        work.resolve("check.conf"),
        tool.shippedConfWith(
            tool.checkHome(),
            "nimo-full-check",
            PackagedTool.localEndpoints(source, target, "local")));
    r =
        tool.runWithJavaOpts(
            tool.checkHome().resolve("bin/nimo-full-check.linux.amd64"),
            work,
            "-Xshare:on -Xlog:class+load=info:file=" + work.resolve("check-classes.txt"),
            "-conf=check.conf");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertMostlyShared(
        work.resolve("check-classes.txt"),
        "software.amazon.awssdk.services.dynamodb.model.ScanRequest",
        "software.amazon.awssdk.services.dynamodb.model.ScanResponse");
  }

  @Test
  void aJarChangedAfterPackagingMakesTheJvmIgnoreTheArchiveQuietly(@TempDir Path work)
      throws Exception {
    Path copy = Files.createDirectories(work.resolve("copy"));
    PackagedTool changed = PackagedTool.unpackCore(copy);
    try (var jars = Files.list(changed.shakeHome().resolve("lib"))) {
      for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis()));
      }
    }

    PackagedTool.Result r =
        runShake(
            changed,
            work,
            "cds-changed",
            "-Xmx512m -Xlog:class+load=info:file=" + work.resolve("classes.txt"));

    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("written=500")
        .doesNotContain("shared archive")
        .doesNotContain("[cds");
    assertThat(Files.readString(work.resolve("classes.txt"))).doesNotContain(SHARED);
  }

  private static void assertMostlyShared(Path classLog, String... mustBeShared) throws Exception {
    List<String> lines = Files.readAllLines(classLog, StandardCharsets.UTF_8);
    long shared = lines.stream().filter(l -> l.contains(SHARED)).count();
    long app = lines.stream().filter(l -> l.contains("source: file:")).count();
    for (String cls : mustBeShared) {
      assertThat(lines).anyMatch(l -> l.contains(" " + cls + " " + SHARED));
    }
    // classes a run loads that the training run did not (a few lambdas and proxies) stay few
    assertThat(app).as("classes loaded from jars instead of the archive").isLessThan(shared / 10);
  }
}
