/** Public API: live progress objects and the read-only status HTTP endpoints. */
package io.nimo.core.metrics;
