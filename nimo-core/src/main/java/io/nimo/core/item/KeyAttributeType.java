package io.nimo.core.item;

/** The scalar type of a key attribute (table or index key): DynamoDB allows only these three. */
public enum KeyAttributeType {
  /** String. */
  S,
  /** Number (arbitrary precision decimal). */
  N,
  /** Binary. */
  B
}
