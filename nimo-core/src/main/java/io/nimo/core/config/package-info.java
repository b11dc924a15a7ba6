/**
 * Public API: declared options (ShakeOptions), conf-file loading and the typed Configuration
 * builder.
 */
package io.nimo.core.config;
