package io.nimo.core.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class PostgresOptionsTest {
  @Test
  void theItemColumnTakesPolarDbDdbsNameAndRefusesWhatIsNotAColumnName() {
    assertThat(PostgresOptions.ITEM_COLUMN.parse("polardb_document")).isEqualTo("polardb_document");
    assertThat(PostgresOptions.ITEM_COLUMN.defaultValue()).isEqualTo("item");
    assertThatThrownBy(() -> PostgresOptions.ITEM_COLUMN.parse(""))
        .hasMessageContaining("'' is not a column name");
    assertThatThrownBy(() -> PostgresOptions.ITEM_COLUMN.parse("item; drop table x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("target.postgresql.item_column")
        .hasMessageContaining("not a column name");
  }
}
