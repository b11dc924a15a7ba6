package io.nimo.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.UnsupportedTarget;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ExtrasByCountTest {

  /** A target that only counts: anything else a check would call fails the test. */
  static final class CountingTarget extends UnsupportedTarget {
    final long items;
    final AtomicInteger counts = new AtomicInteger();

    CountingTarget(long items) {
      super("t");
      this.items = items;
    }

    @Override
    public long count(int parallelism) {
      counts.incrementAndGet();
      return items;
    }
  }

  /** Answers the "did the source change" questions in turn. */
  private static BooleanSupplier answers(Boolean... changed) {
    Deque<Boolean> left = new ArrayDeque<>(List.of(changed));
    return () -> {
      if (left.isEmpty()) {
        throw new AssertionError("asked once too often");
      }
      return left.removeFirst();
    };
  }

  private static LongAdder[] found(long missing, long different, long extra) {
    LongAdder[] f = {new LongAdder(), new LongAdder(), new LongAdder()};
    f[0].add(missing);
    f[1].add(different);
    f[2].add(extra);
    return f;
  }

  private final ExtrasByCount byCount = new ExtrasByCount(4);

  @Test
  void aCleanPassOverAnUnchangedSourceWithEqualCountsNeedsNoPassOverTheTarget() {
    CountingTarget target = new CountingTarget(500);
    assertThat(byCount.settles("t", target, 500, found(0, 0, 0), answers(false, false))).isTrue();
    assertThat(target.counts).hasValue(1);
  }

  @Test
  void aTargetHoldingMoreItemsThanThePassCheckedNeedsThePass() {
    CountingTarget target = new CountingTarget(501);
    assertThat(byCount.settles("t", target, 500, found(0, 0, 0), answers(false))).isFalse();
  }

  @Test
  void aSourceChangedDuringThePassNeedsThePassAndIsNotEvenCounted() {
    CountingTarget target = new CountingTarget(500);
    assertThat(byCount.settles("t", target, 500, found(0, 0, 0), answers(true))).isFalse();
    assertThat(target.counts).hasValue(0);
  }

  @Test
  void aSourceChangedWhileTheTargetWasCountedNeedsThePass() {
    CountingTarget target = new CountingTarget(500);
    assertThat(byCount.settles("t", target, 500, found(0, 0, 0), answers(false, true))).isFalse();
  }

  @Test
  void anyDifferenceFoundNeedsThePassBecauseAMissingKeyCanHideAnExtraOneInTheCount() {
    CountingTarget target = new CountingTarget(500);
    assertThat(byCount.settles("t", target, 500, found(1, 0, 0), answers())).isFalse();
    assertThat(byCount.settles("t", target, 500, found(0, 1, 0), answers())).isFalse();
    assertThat(target.counts).hasValue(0);
  }

  @Test
  void withoutAnEpochOrWhenTheStreamCannotBeReadThePassDecides() {
    CountingTarget target = new CountingTarget(500);
    assertThat(byCount.settles("t", target, 500, found(0, 0, 0), null)).isFalse();
    BooleanSupplier unreadable =
        () -> {
          throw new EpochUnusableException("trimmed");
        };
    assertThat(byCount.settles("t", target, 500, found(0, 0, 0), unreadable)).isFalse();
  }
}
