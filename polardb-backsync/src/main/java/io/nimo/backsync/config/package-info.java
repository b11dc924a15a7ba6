/**
 * The job's settings: {@code application.yaml} keys declared once ({@link
 * io.nimo.backsync.config.BackSyncKeys}), the guide's main arguments, validation that names the
 * key.
 */
package io.nimo.backsync.config;
