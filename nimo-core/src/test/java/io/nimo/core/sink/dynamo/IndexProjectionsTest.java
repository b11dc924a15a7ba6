package io.nimo.core.sink.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.item.IndexSchema;
import io.nimo.core.item.KeyAttributeType;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An INCLUDE projection never lists key attributes on the target; what is left out is noted. */
class IndexProjectionsTest {
  private static TableSchema table(List<String> gsiIncludes, List<String> lsiIncludes) {
    KeySchema key = new KeySchema("pk", "sk");
    return new TableSchema(
        "orders",
        key,
        Map.of(
            "pk", KeyAttributeType.S,
            "sk", KeyAttributeType.S,
            "g", KeyAttributeType.S,
            "l", KeyAttributeType.S),
        List.of(
            new IndexSchema(
                "by_g",
                new KeySchema("g", null),
                IndexSchema.Projection.INCLUDE,
                gsiIncludes,
                null)),
        List.of(
            new IndexSchema(
                "by_l",
                new KeySchema("pk", "l"),
                IndexSchema.Projection.INCLUDE,
                lsiIncludes,
                null)),
        null,
        null);
  }

  @Test
  void keyAttributesOfTheTableAndTheIndexAreLeftOutWithANote() {
    List<String> notes = new ArrayList<>();
    TableSchema out =
        IndexProjections.withoutKeyAttributes(
            table(List.of("sk", "g", "price"), List.of("l", "name")), notes);
    assertThat(out.globalIndexes().get(0).nonKeyAttributes()).containsExactly("price");
    assertThat(out.localIndexes().get(0).nonKeyAttributes()).containsExactly("name");
    assertThat(notes).hasSize(2);
    assertThat(notes.get(0)).contains("by_g").contains("[sk, g]");
  }

  @Test
  void aProjectionOfKeysOnlyBecomesKeysOnly() {
    List<String> notes = new ArrayList<>();
    TableSchema out = IndexProjections.withoutKeyAttributes(table(List.of("pk"), List.of()), notes);
    assertThat(out.globalIndexes().get(0).projection()).isEqualTo(IndexSchema.Projection.KEYS_ONLY);
    assertThat(out.localIndexes().get(0).projection()).isEqualTo(IndexSchema.Projection.INCLUDE);
  }

  @Test
  void projectionsWithoutKeyAttributesAreUnchanged() {
    List<String> notes = new ArrayList<>();
    TableSchema in = table(List.of("price"), List.of("name"));
    assertThat(IndexProjections.withoutKeyAttributes(in, notes)).isEqualTo(in);
    assertThat(notes).isEmpty();
  }
}
