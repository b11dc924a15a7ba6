package io.nimo.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableFilterTest {

  @Test
  void whiteListNamingAMissingTableIsAnError() {
    TableFilter f = TableFilter.parse("a; b", "");
    assertThatThrownBy(() -> f.select(List.of("a", "c")))
        .hasMessageContaining("filter.collection.white")
        .hasMessageContaining("'b'");
  }

  @Test
  void selectsBySourceOrder() {
    assertThat(TableFilter.parse("", "c;").select(List.of("a", "b", "c")))
        .containsExactly("a", "b");
    assertThat(TableFilter.parse("b;a", "").select(List.of("a", "b", "c")))
        .containsExactly("a", "b");
    assertThat(TableFilter.parse("", "").select(List.of("a", "b"))).containsExactly("a", "b");
  }
}
