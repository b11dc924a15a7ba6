package io.nimo.core.dynamo;

/**
 * One endpoint's handle, as the composition root opens and closes it: both roles of the same SDK
 * client. Components receive the role they use, {@link DynamoApi} or {@link DynamoTables}.
 */
public interface DynamoClient extends DynamoApi, DynamoTables {}
