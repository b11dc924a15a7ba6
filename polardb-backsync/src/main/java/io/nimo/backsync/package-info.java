/**
 * polardb-backsync, the way back: the Flink job that applies PostgreSQL logical replication of the
 * nimo layout to DynamoDB ({@link io.nimo.backsync.BackSyncJob}), and its entry point. Java 11
 * classes: it runs on the guide's vvr-11.3-jdk11-flink-1.20 engine.
 */
package io.nimo.backsync;
