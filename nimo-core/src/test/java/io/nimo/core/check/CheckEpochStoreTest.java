package io.nimo.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckEpochStoreTest {
  @TempDir Path dir;

  private static CheckEpoch epoch(String table, String at) {
    return new CheckEpoch(
        table,
        "arn:stream/" + table,
        Instant.parse(at),
        List.of(
            new CheckEpoch.ShardPosition("shard-1", null, "100", true),
            new CheckEpoch.ShardPosition("shard-2", "shard-1", null, false)));
  }

  @Test
  void aPassWithNoDifferenceMakesItsEpochUsableWithEveryPositionIntact() {
    CheckEpochStore store = new CheckEpochStore(dir);
    CheckEpoch e = epoch("orders", "2026-12-01T10:00:00Z");
    store.begin(e);
    assertThat(store.usable("orders")).isInstanceOf(CheckEpochStore.Unusable.class);
    store.passed("orders");
    assertThat(store.usable("orders")).isEqualTo(new CheckEpochStore.Usable(e));
  }

  @Test
  void aKilledPassLeavesThePreviousUsableEpochInPlace() {
    CheckEpochStore store = new CheckEpochStore(dir);
    CheckEpoch first = epoch("orders", "2026-12-01T10:00:00Z");
    store.begin(first);
    store.passed("orders");
    store.begin(epoch("orders", "2026-12-01T11:00:00Z")); // then the process dies
    assertThat(store.usable("orders")).isEqualTo(new CheckEpochStore.Usable(first));
  }

  @Test
  void differencesMakeNoEpochUsableUntilARepairFixesThemAll() {
    CheckEpochStore store = new CheckEpochStore(dir);
    store.begin(epoch("orders", "2026-12-01T10:00:00Z"));
    store.passed("orders");
    CheckEpoch second = epoch("orders", "2026-12-01T11:00:00Z");
    store.begin(second);
    store.failed("orders", true);
    assertThat(store.usable("orders"))
        .isInstanceOfSatisfying(
            CheckEpochStore.Unusable.class,
            u -> assertThat(u.reason()).contains("2026-12-01T11:00:00Z").contains("nimo-repair"));
    assertThat(store.repaired("orders")).isTrue();
    assertThat(store.usable("orders")).isEqualTo(new CheckEpochStore.Usable(second));
    assertThat(store.repaired("orders")).as("nothing left to repair").isFalse();
  }

  @Test
  void anUnfinishedPassCannotBeRepairedIntoAUsableEpoch() {
    CheckEpochStore store = new CheckEpochStore(dir);
    store.begin(epoch("orders", "2026-12-01T10:00:00Z"));
    store.passed("orders");
    store.begin(epoch("orders", "2026-12-01T11:00:00Z"));
    store.failed("orders", false);
    assertThat(store.repaired("orders")).isFalse();
    assertThat(store.usable("orders"))
        .isInstanceOfSatisfying(
            CheckEpochStore.Unusable.class,
            u ->
                assertThat(u.reason())
                    .contains("has no usable epoch")
                    .contains("run a full check"));
  }

  @Test
  void aCorruptEpochFileIsRefusedNamingIt() throws Exception {
    CheckEpochStore store = new CheckEpochStore(dir);
    Files.writeString(dir.resolve("orders.json"), "{\"format_version\": 1, \"started_at\": \"x\"");
    assertThatThrownBy(() -> store.usable("orders"))
        .isInstanceOf(EpochUnusableException.class)
        .hasMessageContaining("orders.json")
        .hasMessageContaining("run a full check");
  }
}
