package io.nimo.flink.stream;

/**
 * One change the split reader hands the record emitter.
 *
 * @param table the table
 * @param key the item key's string form
 * @param json the new image as DynamoDB JSON, or for a removal the key attributes
 * @param removed whether the item was removed
 * @param sequenceNumber the stream record's sequence number
 */
record ShardElement(
    String table, String key, String json, boolean removed, String sequenceNumber) {}
