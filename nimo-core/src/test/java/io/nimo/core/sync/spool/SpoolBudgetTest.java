package io.nimo.core.sync.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.testkit.Await;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SpoolBudgetTest {

  @Test
  void aFullSpoolPausesTheReaderUntilRoomIsMadeInsteadOfDroppingAnything() throws Exception {
    SpoolBudget budget = new SpoolBudget(100, 100, new AtomicBoolean());
    CompletableFuture<Void> reader =
        CompletableFuture.runAsync(
            () -> {
              try {
                budget.awaitRoom("shard-1");
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Await.until("the reader to wait for room", Duration.ofSeconds(10), () -> budget.waiting() == 1);
    assertThat(reader).as("paused while the spool is full").isNotDone();
    budget.released(10);
    reader.get(5, TimeUnit.SECONDS);
    assertThat(budget.waiting()).isZero();
    assertThat(budget.usedBytes()).isEqualTo(90);
  }

  @Test
  void aStopWhileTheSpoolIsFullEndsTheWaitWithoutAccepting() {
    AtomicBoolean stopped = new AtomicBoolean(true);
    SpoolBudget budget = new SpoolBudget(100, 150, stopped);
    assertThatThrownBy(() -> budget.awaitRoom("shard-1")).isInstanceOf(CancellationException.class);
  }
}
