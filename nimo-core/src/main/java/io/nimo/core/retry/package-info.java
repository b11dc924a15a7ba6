/**
 * Internal: retries with capped, jittered backoff within a time budget. Not part of the public API;
 * may change without notice.
 */
package io.nimo.core.retry;
