/**
 * Internal: the built-in file checkpoint store (checkpoint.type = file). Use it through its
 * ServiceLoader name.
 */
package io.nimo.core.checkpoint.file;
