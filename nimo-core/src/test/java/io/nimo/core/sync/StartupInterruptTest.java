package io.nimo.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A stop during start-up (connecting, reading the checkpoint) interrupts the starting thread. */
class StartupInterruptTest {

  @Test
  void aStopDuringStartUpInterruptsTheStartingThread() throws Exception {
    AtomicBoolean stopRequested = new AtomicBoolean();
    StartupInterrupt startup = new StartupInterrupt(stopRequested);
    CountDownLatch entered = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean flagAfterLeave = new AtomicBoolean(true);
    Thread starting =
        new Thread(
            () -> {
              startup.enter();
              entered.countDown();
              try {
                Thread.sleep(10_000);
              } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
              }
              startup.leave();
              flagAfterLeave.set(Thread.currentThread().isInterrupted());
            },
            "starting");
    starting.start();
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(startup.inStart()).isTrue();

    stopRequested.set(true);
    startup.stop();
    starting.join(5_000);

    assertThat(interrupted).isTrue();
    assertThat(flagAfterLeave).as("the stop's interrupt does not leak into the run").isFalse();
    assertThat(startup.inStart()).isFalse();
  }

  @Test
  void aStopAfterStartUpInterruptsNothing() {
    StartupInterrupt startup = new StartupInterrupt(new AtomicBoolean());
    startup.enter();
    startup.leave();

    startup.stop();

    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(startup.inStart()).isFalse();
  }

  @Test
  void anInterruptNotCausedByAStopIsKeptForTheCaller() {
    StartupInterrupt startup = new StartupInterrupt(new AtomicBoolean());
    startup.enter();
    Thread.currentThread().interrupt();

    startup.leave();

    assertThat(Thread.interrupted()).isTrue();
  }
}
