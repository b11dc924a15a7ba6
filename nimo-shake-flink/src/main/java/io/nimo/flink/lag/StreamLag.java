package io.nimo.flink.lag;

/**
 * How far one table's stream reading is behind its newest change.
 *
 * @param table the table
 * @param millis how far behind, 0 when caught up
 */
public record StreamLag(String table, long millis) {}
