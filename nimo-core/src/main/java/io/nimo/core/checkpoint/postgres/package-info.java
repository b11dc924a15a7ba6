/**
 * Internal: the built-in PostgreSQL checkpoint store (checkpoint.type = postgresql). Use it through
 * its ServiceLoader name.
 */
package io.nimo.core.checkpoint.postgres;
