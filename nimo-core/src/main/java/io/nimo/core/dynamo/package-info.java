/**
 * Seam (advanced): DynamoApi over any DynamoDB-compatible endpoint, its SDK implementation,
 * endpoint settings and error classifier. Embedders pass a DynamoApi only to substitute the source
 * (tests, proxies).
 */
package io.nimo.core.dynamo;
