package io.nimo.core.source;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.SourceOptions;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code filter.collection.white / black}: exact table names separated by {@code ;}.
 *
 * @param white the white list (empty: every table)
 * @param black the black list
 */
public record TableFilter(Set<String> white, Set<String> black) {

  /**
   * Parses the two lists.
   *
   * @param white {@code ;}-separated names, or empty
   * @param black {@code ;}-separated names, or empty
   * @return the filter
   */
  public static TableFilter parse(String white, String black) {
    return new TableFilter(split(white), split(black));
  }

  /**
   * The source tables to sync, in source order.
   *
   * @param sourceTables the tables the source has
   * @return the selected tables
   * @throws ConfigException if the white list names a table the source does not have
   */
  public List<String> select(List<String> sourceTables) {
    for (String w : white) {
      if (!sourceTables.contains(w)) {
        throw new ConfigException(
            SourceOptions.FILTER_WHITE.key(), "table '" + w + "' does not exist on the source");
      }
    }
    return sourceTables.stream()
        .filter(t -> white.isEmpty() || white.contains(t))
        .filter(t -> !black.contains(t))
        .toList();
  }

  private static Set<String> split(String list) {
    Set<String> out = new LinkedHashSet<>();
    Arrays.stream(list.split(";")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
    return out;
  }
}
