package io.nimo.core.config;

import java.util.Locale;

/** {@code convert.type}: how items are represented on the target. */
public enum ConvertType {
  /**
   * Empty: the target's own default ({@code exact} for MongoDB and PostgreSQL, unchanged items).
   */
  DEFAULT,
  /** Lossless (MongoDB: typed documents; PostgreSQL: DynamoDB JSON). */
  EXACT,
  /** Items unchanged (DynamoDB-API targets). */
  SAME,
  /** The original's wrapped-value documents (MongoDB). */
  RAW,
  /** The original's plain-value documents (MongoDB). */
  CHANGE,
  /** The original's default: plain values, numbers as doubles (MongoDB). */
  MCHANGE;

  /** The value as written in the conf file. */
  @Override
  public String toString() {
    return this == DEFAULT ? "" : name().toLowerCase(Locale.ROOT);
  }
}
