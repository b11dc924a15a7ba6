/**
 * Internal: the built-in PostgreSQL target (target.type = postgresql): key columns plus the item as
 * DynamoDB JSON in jsonb. Use it through its ServiceLoader name.
 */
package io.nimo.core.sink.postgres;
