package io.nimo.core.config;

import java.util.List;

/**
 * Renders a conf file with every declared key at its default, each preceded by its documentation.
 */
public final class ConfFileRenderer {
  private ConfFileRenderer() {}

  /**
   * Renders a documented {@code key = default} conf file of the options.
   *
   * @param header the text above the options
   * @return a documented {@code key = default} conf file of the options
   */
  public static String render(String header, List<ConfigOption<?>> options) {
    StringBuilder b = new StringBuilder();
    header.lines().forEach(l -> b.append("# ").append(l).append('\n'));
    for (ConfigOption<?> o : options) {
      b.append('\n');
      b.append("# ").append(o.doc()).append('\n');
      b.append("# type: ")
          .append(o.type())
          .append(o.secret() ? " (secret: never logged)" : "")
          .append('\n');
      b.append(o.key()).append(" = ").append(o.defaultText()).append('\n');
    }
    return b.toString();
  }
}
