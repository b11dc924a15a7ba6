package io.nimo.backsync.source;

import java.io.Serializable;
import java.util.Objects;

/** One attribute of a DynamoDB table's primary key: its name and scalar type (S, N or B). */
public final class KeyAttribute implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final String type;

  /**
   * A key attribute.
   *
   * @param name the attribute name
   * @param type {@code S}, {@code N} or {@code B}
   */
  public KeyAttribute(String name, String type) {
    if (!type.equals("S") && !type.equals("N") && !type.equals("B")) {
      throw new IllegalArgumentException("key attribute " + name + ": type " + type);
    }
    this.name = name;
    this.type = type;
  }

  /**
   * The attribute name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The scalar type.
   *
   * @return S, N or B
   */
  public String type() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyAttribute
        && ((KeyAttribute) o).name.equals(name)
        && ((KeyAttribute) o).type.equals(type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type);
  }

  @Override
  public String toString() {
    return name + " (" + type + ")";
  }
}
