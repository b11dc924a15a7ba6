package io.nimo.core.item;

/**
 * Provisioned read and write capacity units of a table or global index.
 *
 * @param readUnits read capacity units (at least 1)
 * @param writeUnits write capacity units (at least 1)
 */
public record Capacity(long readUnits, long writeUnits) {

  /**
   * Raises units below 1 to 1, since DynamoDB rejects provisioned capacity of 0.
   *
   * @param readUnits read capacity units
   * @param writeUnits write capacity units
   */
  public Capacity {
    readUnits = Math.max(1, readUnits);
    writeUnits = Math.max(1, writeUnits);
  }
}
