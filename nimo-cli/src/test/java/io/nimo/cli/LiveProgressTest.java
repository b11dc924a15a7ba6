package io.nimo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.metrics.StreamProgress;
import io.nimo.core.metrics.TableProgress;
import io.nimo.core.metrics.TableProgress.State;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveProgressTest {
  private static TableProgress.Snapshot table(String name, State state, long total, long written) {
    return new TableProgress.Snapshot(
        name,
        state,
        total,
        0,
        written,
        written,
        0,
        0,
        0,
        0,
        10_000,
        List.of(),
        "",
        new TableProgress.Segments(0, 0, 0));
  }

  @Test
  void showsRunningTablesWithRateAndEtaThenCountsTheRest() {
    String line =
        LiveProgress.render(
            List.of(
                table("orders", State.RUNNING, 27_000, 12_000),
                table("customers", State.DONE, 500, 500),
                table("items", State.WAITING, 0, 0)),
            List.of(),
            200);
    assertThat(line)
        .isEqualTo(
            "full sync: orders running 44.4% 12000/~27000 1200/s ETA 13s | 1 done, 1 waiting");
  }

  @Test
  void addsTheIncrementalLagAndCutsToTheTerminalWidth() {
    StreamProgress.Snapshot s =
        new StreamProgress.Snapshot("orders", 10, 9, 0, 0, 3, 250, 0, 1, Map.of());
    String line = LiveProgress.render(List.of(table("orders", State.DONE, 9, 9)), List.of(s), 200);
    assertThat(line)
        .isEqualTo("full sync: 1 done, 0 waiting || incremental: 9 applied, lag 250 ms");
    assertThat(LiveProgress.render(List.of(table("orders", State.DONE, 9, 9)), List.of(s), 40))
        .hasSize(40)
        .endsWith("…");
  }

  @Test
  void redrawsInPlaceAndEndsWithANewline() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (LiveProgress live =
        LiveProgress.start(out, () -> List.of(table("orders", State.RUNNING, 100, 50)), List::of)) {
      // close() draws the line a last time and ends it, whether or not the timer drew it yet
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("\r\033[Kfull sync: orders running 50.0%").endsWith("\n");
  }
}
