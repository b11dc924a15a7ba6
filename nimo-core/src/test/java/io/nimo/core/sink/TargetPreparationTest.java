package io.nimo.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.config.ExistPolicy;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import io.nimo.core.source.SourceTable;
import io.nimo.core.testkit.UnsupportedTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one prepare step: a copy honours target.db.exist, a follow-only run keeps what exists. */
class TargetPreparationTest {
  private static final SourceTable ORDERS =
      new SourceTable(
          TableSchema.of("orders", new KeySchema("id", null), Map.of("id", KeyAttributeType.S)),
          10);

  /** A target table that exists or not, and records every prepare it is asked for. */
  static final class Table extends UnsupportedTarget {
    final List<ExistPolicy> asked = new ArrayList<>();
    boolean exists;

    Table(boolean exists) {
      super("orders");
      this.exists = exists;
    }

    @Override
    public PrepareResult prepare(TableSchema source, ExistPolicy policy) {
      asked.add(policy);
      if (exists && policy == ExistPolicy.FAIL) {
        throw new TargetTableExistsException("orders");
      }
      boolean dropped = exists;
      exists = true;
      return new PrepareResult(dropped, List.of());
    }
  }

  @Test
  void aFollowOnlyRunKeepsAnExistingTableWhateverTheExistPolicy() {
    Table existing = new Table(true);
    assertThat(TargetPreparation.forFollow(existing, ORDERS)).isEmpty();
    assertThat(existing.asked).containsExactly(ExistPolicy.FAIL);
  }

  @Test
  void aFollowOnlyRunCreatesAMissingTable() {
    Table missing = new Table(false);
    assertThat(TargetPreparation.forFollow(missing, ORDERS)).isPresent();
    assertThat(missing.exists).isTrue();
  }

  @Test
  void aCopyRefusesAnExistingTableNamingTheKeyOrDropsItWhenAsked() {
    assertThatThrownBy(() -> TargetPreparation.forCopy(new Table(true), ORDERS, ExistPolicy.FAIL))
        .isInstanceOf(TargetTableExistsException.class)
        .hasMessageContaining("target.db.exist = drop");
    assertThat(TargetPreparation.forCopy(new Table(true), ORDERS, ExistPolicy.DROP).dropped())
        .isTrue();
  }
}
