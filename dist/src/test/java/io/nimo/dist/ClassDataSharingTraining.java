package io.nimo.dist;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Build step of the tarball (bundled-jre profile, {@code prepare-package}): runs nimo-shake and
 * nimo-full-check from the staged layout through their real launchers, against two DynamoDB Local
 * servers, with {@code -XX:ArchiveClassesAtExit=lib/classes.jsa}. The launcher then maps that
 * archive at every start, so the classes of a run (config, SDK, converters, writers) are neither
 * parsed nor verified again.
 *
 * <p>The archive is only valid for the same runtime and the very same jar files (path relative to
 * the tool's home, size and modification time), which is why it is trained on the staged files the
 * tarball packs. Anything else makes the JVM ignore it and load classes as usual.
 *
 * <p>Arguments: {@code <stage dir> <dist/src/main/bin> <conf dir>}.
 */
public final class ClassDataSharingTraining {
  private ClassDataSharingTraining() {}

  public static void main(String[] args) {
    int status = 0;
    try {
      run(args);
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    // DynamoDB Local leaves non-daemon pool threads behind, which would keep the build waiting
    System.exit(status);
  }

  private static void run(String[] args) throws Exception {
    Path stage = Path.of(args[0]);
    Path bin = Path.of(args[1]);
    Path confDir = Path.of(args[2]);
    if (!Files.isExecutable(stage.resolve("jre/bin/java"))) {
      System.out.println("no bundled runtime in " + stage + "; the tarball ships no CDS archive");
      return;
    }
    try (DynamoLocal source = DynamoLocal.start();
        DynamoLocal target = DynamoLocal.start()) {
      TestTables.createWithIndexes(source.client(), "training");
      Random rnd = new Random(11);
      List<Map<String, AttributeValue>> items = new ArrayList<>();
      for (int i = 0; i < 2_000; i++) {
        Map<String, AttributeValue> item = TestItems.ordinary("pk", TestItems.n("" + i), rnd);
        item.put("sk", TestItems.s("s-" + i % 7));
        items.add(item);
      }
      TestTables.put(source.client(), "training", items);

      Map<String, String> v = PackagedTool.localEndpoints(source, target, "local");
      v.put("id", "cds-training");
      Map<String, String> shake = new LinkedHashMap<>(v);
      shake.put("sync_mode", "full");
      shake.put("full_sync.http_port", "0");
      shake.put("system_profile", "0");
      train(stage.resolve("nimo-shake"), "nimo-shake", bin, confDir, shake);
      train(stage.resolve("nimo-full-check"), "nimo-full-check", bin, confDir, v);
    }
  }

  private static void train(
      Path home, String tool, Path bin, Path confDir, Map<String, String> values) throws Exception {
    Path archive = home.resolve("lib/classes.jsa");
    Files.deleteIfExists(archive);
    Path work = Files.createTempDirectory("cds-training-");
    Path homeBin = home.resolve("bin");
    Files.createDirectories(homeBin);
    for (String f : List.of(tool + ".linux.amd64", "nimo-launcher.sh")) {
      Path to = homeBin.resolve(f);
      Files.copy(bin.resolve(f), to, StandardCopyOption.REPLACE_EXISTING);
      to.toFile().setExecutable(true);
    }
    Path conf = work.resolve(tool + ".conf");
    Files.writeString(
        conf,
        PackagedTool.confWith(confDir.resolve(tool + ".conf"), values),
        StandardCharsets.UTF_8);
    Path out = work.resolve("out.txt");
    ProcessBuilder pb =
        new ProcessBuilder(homeBin.resolve(tool + ".linux.amd64").toString(), "-conf=" + conf)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    pb.environment().put("NIMO_JAVA_OPTS", "-XX:ArchiveClassesAtExit=lib/classes.jsa");
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.exists(archive)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          tool + " training run failed:\n" + Files.readString(out, StandardCharsets.UTF_8));
    }
    // only lib/ (with the archive) is packed; the run's other traces go
    for (String leftover : List.of("bin", "logs", "checkpoint", "nimo-full-check-diff")) {
      if (Files.exists(home.resolve(leftover))) {
        PackagedTool.deleteTree(home.resolve(leftover));
      }
    }
    PackagedTool.deleteTree(work);
    System.out.printf("%s: %s (%,d bytes)%n", tool, archive, Files.size(archive));
  }
}
