/**
 * The DynamoDB side: the sink that buffers per key and writes with BatchWriteItem behind the {@link
 * io.nimo.backsync.apply.ItemStore} seam, its error classifier and retries.
 */
package io.nimo.backsync.apply;
