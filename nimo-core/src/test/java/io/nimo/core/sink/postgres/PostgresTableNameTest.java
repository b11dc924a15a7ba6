package io.nimo.core.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.item.KeySchema;
import org.junit.jupiter.api.Test;

class PostgresTableNameTest {

  @Test
  void dynamoDbNamesAreQuotedSoCaseAndPunctuationSurvive() {
    PostgresTableName t =
        new PostgresTableName("nimo", "User-Table.v1", new KeySchema("Id", "sort key"), "item");

    assertThat(t.sql()).isEqualTo("\"nimo\".\"User-Table.v1\"");
    assertThat(t.display()).isEqualTo("nimo.User-Table.v1");
    assertThat(t.keyColumnsSql()).isEqualTo("\"Id\", \"sort key\"");
    assertThat(t.whereKey()).isEqualTo("\"Id\" = ? and \"sort key\" = ?");
    assertThat(t.itemColumnSql()).isEqualTo("\"item\"");
  }

  @Test
  void embeddedQuotesAreDoubledNeverClosingTheIdentifier() {
    assertThat(PostgresTableName.quote("a\"; drop table x; --"))
        .isEqualTo("\"a\"\"; drop table x; --\"");
    PostgresTableName t =
        new PostgresTableName("s\"x", "t", new KeySchema("k\"", null), "polardb_document");
    assertThat(t.sql()).isEqualTo("\"s\"\"x\".\"t\"");
    assertThat(t.whereKey()).isEqualTo("\"k\"\"\" = ?");
  }

  @Test
  void aKeyAttributeNamedLikeTheItemColumnIsRefusedNamingTheTable() {
    assertThatThrownBy(
            () -> new PostgresTableName("nimo", "events", new KeySchema("id", "item"), "item"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table events")
        .hasMessageContaining("'item'");
    assertThat(new PostgresTableName("nimo", "events", new KeySchema("item", null), "doc").sql())
        .isEqualTo("\"nimo\".\"events\"");
  }
}
