package io.nimo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downloads the guides name: NimoShake.tar.gz (nimo-shake, nimo-full-check, nimo-repair and the
 * runtime, at most 100 MB), PolarDBBackSync.jar of its own, and the optional NimoShake-flink.tar.gz
 * that carries Flink's jars once for both local Flink launchers.
 */
class ArchiveLayoutIT {
  private static final Path TARGET = Path.of("target");
  private static final long MB = 1000 * 1000;

  private static List<String> entries(Path tarball) throws Exception {
    Process p = new ProcessBuilder("tar", "tzf", tarball.toString()).start();
    List<String> names = new String(p.getInputStream().readAllBytes()).lines().toList();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return names;
  }

  @Test
  void theCoreTarballHoldsTheThreeToolsAndTheRuntimeWithinOneHundredMegabytes() throws Exception {
    Path core = TARGET.resolve("NimoShake.tar.gz");
    assertThat(Files.size(core)).as("NimoShake.tar.gz size").isLessThanOrEqualTo(100 * MB);
    List<String> names = entries(core);
    assertThat(names)
        .contains(
            "NimoShake/nimo-shake/bin/nimo-shake.linux.amd64",
            "NimoShake/nimo-shake/nimo-shake.linux",
            "NimoShake/nimo-shake/nimo-shake.conf",
            "NimoShake/nimo-shake/conf/nimo-shake.conf",
            "NimoShake/nimo-full-check/bin/nimo-full-check.linux.amd64",
            "NimoShake/nimo-full-check/bin/nimo-repair.linux.amd64",
            "NimoShake/grafana/nimo-shake-dashboard.json");
    assertThat(names).noneMatch(n -> n.startsWith("NimoShake/flink/"));
    assertThat(names).noneMatch(n -> n.startsWith("NimoShake/polardb-backsync/"));
    assertThat(names).noneMatch(n -> n.endsWith("NimoShakeFlink.jar"));
  }

  @Test
  void theFlinkPartCarriesFlinksJarsOnceForBothLaunchersAndTheJobJarsShipOnTheirOwn()
      throws Exception {
    List<String> names = entries(TARGET.resolve("NimoShake-flink.tar.gz"));
    assertThat(names)
        .contains(
            "NimoShake/polardb-backsync/bin/polardb-backsync.linux.amd64",
            "NimoShake/polardb-backsync/PolarDBBackSync.jar",
            "NimoShake/nimo-shake/bin/nimo-shake-flink.linux.amd64",
            "NimoShake/nimo-shake/NimoShakeFlink.jar",
            "NimoShake/nimo-shake/kubernetes/nimo-shake-flink.yaml");
    assertThat(names)
        .as("the job's default state backend and application mode's entry point")
        .anyMatch(n -> n.matches("NimoShake/flink/lib/flink-statebackend-rocksdb-.*\\.jar"))
        .anyMatch(n -> n.matches("NimoShake/flink/lib/flink-container-.*\\.jar"));
    List<String> flinkJars =
        names.stream()
            .filter(n -> n.matches(".*/flink-(runtime|streaming-java)-1\\.20.*\\.jar"))
            .toList();
    assertThat(flinkJars).isNotEmpty().allMatch(n -> n.startsWith("NimoShake/flink/lib/"));
    assertThat(TARGET.resolve("PolarDBBackSync.jar")).as("the guide's download").isNotEmptyFile();
  }

  @Test
  void aFlinkLauncherWithoutFlinksJarsSaysWhichArchiveToUnpack(@TempDir Path unpacked)
      throws Exception {
    PackagedTool tool = PackagedTool.unpack(unpacked);
    PackagedTool.deleteTree(unpacked.resolve("NimoShake/flink"));
    for (Path launcher :
        List.of(
            tool.shakeHome().resolve("bin/nimo-shake-flink.linux.amd64"),
            unpacked.resolve("NimoShake/polardb-backsync/bin/polardb-backsync.linux.amd64"))) {
      Process p =
          new ProcessBuilder(launcher.toString(), "--help").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isEqualTo(2);
      assertThat(out).contains("NimoShake-flink.tar.gz");
    }
  }
}
