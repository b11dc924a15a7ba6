package io.nimo.core.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldNamesTest {
  private final FieldNames names = new FieldNames("pre");

  @Test
  void ordinaryNamesAreKeptAsTheyAre() {
    for (String name : List.of("id", "user_id", "a$b", "Ünïcode", "with space", "id_")) {
      assertThat(names.encode(name)).isEqualTo(name);
      assertThat(names.decode(name)).isEqualTo(name);
    }
  }

  @Test
  void namesMongoDbCannotStoreAreEscapedAndRestored() {
    assertThat(names.encode("$price")).isEqualTo("%24price");
    assertThat(names.encode("a.b.c")).isEqualTo("a%2Eb%2Ec");
    assertThat(names.encode("50%")).isEqualTo("50%25");
    assertThat(names.encode("a$")).isEqualTo("a$");
    for (String name : List.of("$price", "a.b.c", "50%", "%24price", "$.%")) {
      assertThat(names.decode(names.encode(name))).isEqualTo(name);
    }
  }

  @Test
  void sourceIdAttributeGetsThePrefixAndARealPrefixedAttributeNeverMeetsIt() {
    assertThat(names.encode("_id")).isEqualTo("pre_id");
    assertThat(names.encode("pre_id")).isNotEqualTo("pre_id").isEqualTo("%70re_id");
    assertThat(names.decode("pre_id")).isEqualTo("_id");
    assertThat(names.decode(names.encode("pre_id"))).isEqualTo("pre_id");
  }

  /**
   * Every name of up to four characters of the troublesome ones: distinct, storable, reversible.
   */
  @Test
  void encodingIsInjectiveStorableAndReversibleOverAllShortNames() {
    char[] alphabet = {'a', '$', '.', '%', '_', 'i', 'd', 'p'};
    java.util.Set<String> all =
        new java.util.LinkedHashSet<>(List.of("_id", "pre_id", "%70re_id", "pre_id%"));
    List<String> level = List.of("");
    for (int len = 1; len <= 4; len++) {
      List<String> next = new ArrayList<>();
      for (String prefix : level) {
        for (char c : alphabet) {
          next.add(prefix + c);
        }
      }
      all.addAll(next);
      level = next;
    }
    Map<String, String> byField = new HashMap<>();
    for (String name : all) {
      String field = names.encode(name);
      assertThat(field).as(name).doesNotStartWith("$").doesNotContain(".").isNotEqualTo("_id");
      assertThat(names.decode(field)).as(name).isEqualTo(name);
      String earlier = byField.put(field, name);
      assertThat(earlier).as("'" + name + "' and '" + earlier + "' share " + field).isNull();
    }
  }

  @Test
  void prefixMustBeLettersAndDigitsAndTheErrorNamesTheKey() {
    for (String bad : List.of("", "pre_", "p.re", "$p")) {
      assertThatThrownBy(() -> new FieldNames(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("convert._id");
    }
  }
}
