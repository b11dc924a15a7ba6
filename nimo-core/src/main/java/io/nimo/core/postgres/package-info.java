/**
 * Internal: what the PostgreSQL target and checkpoint store share: the one SQLSTATE error
 * classifier.
 */
package io.nimo.core.postgres;
