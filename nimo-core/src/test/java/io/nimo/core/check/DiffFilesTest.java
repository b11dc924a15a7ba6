package io.nimo.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffFilesTest {
  private static final Clock NOON =
      Clock.fixed(Instant.parse("2026-12-01T12:10:11Z"), ZoneOffset.UTC);

  @Test
  void movesAnEarlierRunsReportsAsideWithATimestamp(@TempDir Path dir) throws Exception {
    Path reports = dir.resolve("nimo-full-check-diff");
    Files.createDirectories(reports);
    Files.writeString(reports.resolve("orders.jsonl"), "{}\n");

    Path moved = DiffFiles.rotate(reports, NOON);

    assertThat(moved).isEqualTo(dir.resolve("nimo-full-check-diff-2026-12-01T12-10-11Z"));
    assertThat(moved.resolve("orders.jsonl")).exists();
    assertThat(reports).doesNotExist();
  }

  @Test
  void keepsBothEarlierRunsWhenTwoRotationsShareASecond(@TempDir Path dir) throws Exception {
    Path reports = dir.resolve("diff");
    for (int run = 0; run < 2; run++) {
      Files.createDirectories(reports);
      Files.writeString(reports.resolve("t.jsonl"), "run " + run);
      DiffFiles.rotate(reports, NOON);
    }
    assertThat(Files.readString(dir.resolve("diff-2026-12-01T12-10-11Z/t.jsonl")))
        .isEqualTo("run 0");
    assertThat(Files.readString(dir.resolve("diff-2026-12-01T12-10-11Z.1/t.jsonl")))
        .isEqualTo("run 1");
  }

  @Test
  void leavesAMissingOrEmptyDirectoryAlone(@TempDir Path dir) throws Exception {
    assertThat(DiffFiles.rotate(dir.resolve("none"), NOON)).isNull();
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThat(DiffFiles.rotate(empty, NOON)).isNull();
    assertThat(empty).isDirectory();
  }
}
