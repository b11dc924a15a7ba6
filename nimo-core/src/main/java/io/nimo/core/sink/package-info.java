/**
 * Public SPI: Target, TargetSession and TargetProvider (found by ServiceLoader through
 * target.type), with their value types.
 */
package io.nimo.core.sink;
