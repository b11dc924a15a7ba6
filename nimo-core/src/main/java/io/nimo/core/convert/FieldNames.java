package io.nimo.core.convert;

/**
 * Reversible field names for MongoDB. DynamoDB allows attribute names that MongoDB does not store
 * as they are (a leading {@code $}, a {@code .}, the reserved {@code _id}); those characters are
 * written {@code %XX} (and {@code %} itself {@code %25}), so every other name stays unchanged and
 * decoding restores the original exactly. A name that is exactly {@code _id} becomes {@code
 * <prefix>_id} ({@code convert._id}); a real attribute spelled like that is escaped so the two can
 * never meet.
 */
public final class FieldNames {
  private final String idField;

  /**
   * Names for one {@code convert._id} prefix.
   *
   * @param idPrefix the prefix a source {@code _id} attribute gets (e.g. {@code pre})
   */
  public FieldNames(String idPrefix) {
    if (!idPrefix.matches("[A-Za-z0-9]+")) {
      throw new IllegalArgumentException(
          "convert._id must be letters and digits (e.g. pre), got '" + idPrefix + "'");
    }
    this.idField = idPrefix + "_id";
  }

  /**
   * The field name of an attribute.
   *
   * @param name the attribute name
   * @return the field name
   */
  public String encode(String name) {
    if (name.equals("_id")) {
      return idField;
    }
    if (name.equals(idField)) {
      return percent(name.charAt(0)) + name.substring(1);
    }
    StringBuilder b = null;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean escape = c == '%' || c == '.' || (c == '$' && i == 0);
      if (escape && b == null) {
        b = new StringBuilder(name.length() + 8).append(name, 0, i);
      }
      if (b != null) {
        b.append(escape ? percent(c) : String.valueOf(c));
      }
    }
    return b == null ? name : b.toString();
  }

  /**
   * The attribute name of a field.
   *
   * @param field a field name made by {@link #encode}
   */
  public String decode(String field) {
    if (field.equals(idField)) {
      return "_id";
    }
    if (field.indexOf('%') < 0) {
      return field;
    }
    StringBuilder b = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '%' && i + 3 <= field.length()) {
        b.append((char) Integer.parseInt(field.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Only ASCII characters are ever escaped, so one {@code %XX} per character. */
  private static String percent(char c) {
    return String.format("%%%02X", (int) c);
  }
}
