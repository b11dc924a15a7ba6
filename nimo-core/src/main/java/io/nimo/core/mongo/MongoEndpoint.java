package io.nimo.core.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.nimo.core.config.Secrets;
import java.util.concurrent.TimeUnit;

/**
 * How to reach a MongoDB deployment: a connection string ({@code mongodb://} or {@code
 * mongodb+srv://}, credentials inside it) and a pool size. No I/O until the first operation.
 *
 * @param uri the connection string
 * @param maxConnections the connection pool size
 */
public record MongoEndpoint(String uri, int maxConnections) {

  /**
   * Checks the connection string's form.
   *
   * @param uri the connection string
   * @param maxConnections the connection pool size
   */
  public MongoEndpoint {
    new ConnectionString(uri);
  }

  /**
   * A client; the caller owns (closes) it.
   *
   * @return the client
   */
  public MongoClient connect() {
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri))
            .applyToConnectionPoolSettings(p -> p.maxSize(Math.max(2, maxConnections)))
            .applyToClusterSettings(c -> c.serverSelectionTimeout(30, TimeUnit.SECONDS))
            .applicationName("nimo")
            .build());
  }

  @Override
  public String toString() {
    return "MongoEndpoint[" + Secrets.maskUrlCredentials(uri) + "]";
  }
}
