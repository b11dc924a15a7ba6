/**
 * Public API: the item model (AttributeValue maps), keys, DynamoDB-JSON codec, DynamoDB-semantic
 * equality and sizes.
 */
package io.nimo.core.item;
