/**
 * Internal: the built-in DynamoDB-API target (target.type = dynamodb, polardb,
 * aliyun_dynamo_proxy). Use it through its ServiceLoader name.
 */
package io.nimo.core.sink.dynamo;
