/**
 * Internal: the built-in MongoDB checkpoint store (checkpoint.type = mongodb). Use it through its
 * ServiceLoader name.
 */
package io.nimo.core.checkpoint.mongo;
