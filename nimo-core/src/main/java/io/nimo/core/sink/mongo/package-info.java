/**
 * Internal: the built-in MongoDB target (target.type = mongodb), replica set or sharded cluster.
 * Use it through its ServiceLoader name.
 */
package io.nimo.core.sink.mongo;
