/** Seam (advanced): StreamsApi over DynamoDB Streams, and start-position capture. Embedders pass a StreamsApi only to substitute the stream source. */
package io.nimo.core.source.stream;
