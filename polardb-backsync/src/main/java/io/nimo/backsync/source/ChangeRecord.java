package io.nimo.backsync.source;

/**
 * One row change of the nimo PostgreSQL layout, ready for DynamoDB: the table, the item key as
 * DynamoDB JSON, and for an upsert the whole item as DynamoDB JSON. A Flink POJO (public fields,
 * no-arg constructor) so it crosses the network without Kryo.
 */
public class ChangeRecord {
  /** An insert, update or snapshot read: PutItem of {@link #itemJson}. */
  public static final String UPSERT = "u";

  /** A delete: DeleteItem of {@link #keyJson}. */
  public static final String DELETE = "d";

  /** A row of the echo marker table: nimo-shake wrote transaction {@link #txId}. */
  public static final String ECHO_MARK = "m";

  /** The DynamoDB table (the PostgreSQL table name). */
  public String table;

  /** {@link #UPSERT}, {@link #DELETE} or {@link #ECHO_MARK}. */
  public String op;

  /** The key as DynamoDB JSON, in primary-key column order. */
  public String keyJson;

  /** The item as DynamoDB JSON; null for deletes and while {@link #itemUnavailable}. */
  public String itemJson;

  /** The item column was left out by logical replication (an unchanged TOASTed value). */
  public boolean itemUnavailable;

  /** The PostgreSQL transaction id, -1 when unknown (snapshot reads). */
  public long txId = -1;

  /** Commit time of the transaction, epoch ms. */
  public long commitMillis;

  /** Flink needs it. */
  public ChangeRecord() {}

  /**
   * A change.
   *
   * @param table the table
   * @param op the operation
   * @param keyJson the key
   * @param itemJson the item or null
   * @param txId the transaction id
   * @param commitMillis the commit time
   */
  public ChangeRecord(
      String table, String op, String keyJson, String itemJson, long txId, long commitMillis) {
    this.table = table;
    this.op = op;
    this.keyJson = keyJson;
    this.itemJson = itemJson;
    this.txId = txId;
    this.commitMillis = commitMillis;
  }

  /**
   * What per-key order is kept for: table and key.
   *
   * @return the routing key
   */
  public String routingKey() {
    return table + '\u0000' + keyJson;
  }

  @Override
  public String toString() {
    return op + " " + table + " " + keyJson + " tx " + txId;
  }
}
