/**
 * Internal: the built-in DynamoDB-API checkpoint store (checkpoint.type = dynamodb). Use it through
 * its ServiceLoader name.
 */
package io.nimo.core.checkpoint.dynamo;
