package io.nimo.core.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QpsLimiterTest {

  @Test
  void spacesCallsEvenlyAtTheConfiguredRate() throws Exception {
    AtomicLong now = new AtomicLong(0);
    List<Duration> sleeps = new ArrayList<>();
    QpsLimiter limiter =
        new QpsLimiter(
            10,
            now::get,
            d -> {
              sleeps.add(d);
              now.addAndGet(d.toNanos());
            });
    for (int i = 0; i < 21; i++) {
      limiter.acquire();
    }
    // the first call is free, the next 20 at 100 ms each: 2 s for 21 calls at 10/s
    assertThat(Duration.ofNanos(now.get())).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void doesNotWaitWhenCallsAreSlowerThanTheRate() throws Exception {
    AtomicLong now = new AtomicLong(0);
    List<Duration> sleeps = new ArrayList<>();
    QpsLimiter limiter = new QpsLimiter(10, now::get, sleeps::add);
    for (int i = 0; i < 5; i++) {
      limiter.acquire();
      now.addAndGet(Duration.ofMillis(500).toNanos());
    }
    assertThat(sleeps).isEmpty();
  }

  @Test
  void partsOfARateBelowOneCallPerSecondEachNeverAddUpToMoreThanTheWhole() throws Exception {
    // qps.full = 4 shared by 8 readers: each may call every 2 s, all 8 together 4 times a second
    AtomicLong now = new AtomicLong(0);
    QpsLimiter part = new QpsLimiter(4, 8, now::get, d -> now.addAndGet(d.toNanos()));
    for (int i = 0; i < 6; i++) {
      part.acquire();
    }
    assertThat(Duration.ofNanos(now.get())).isEqualTo(Duration.ofSeconds(10));
  }
}
