/**
 * Internal: the PostgreSQL endpoint the target and the checkpoint store share, as {@code
 * core/mongo} is for MongoDB: {@link io.nimo.core.postgres.PostgresEndpoint} (the one place JDBC
 * connections are opened) and the one SQLSTATE error classifier.
 */
package io.nimo.core.postgres;
