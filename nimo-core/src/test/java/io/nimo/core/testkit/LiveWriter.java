package io.nimo.core.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Application traffic against a source table with hash key {@code id} (S): inserts new items,
 * updates that add and remove attributes, and deletes, at a steady rate until stopped.
 */
public final class LiveWriter implements Runnable {
  private final DynamoDbClient client;
  private final String table;
  private final int existing;
  private final int opsPerSecond;
  private final AtomicBoolean stop = new AtomicBoolean();
  public final AtomicInteger ops = new AtomicInteger();
  private Thread thread;

  public LiveWriter(DynamoDbClient client, String table, int existing, int opsPerSecond) {
    this.client = client;
    this.table = table;
    this.existing = existing;
    this.opsPerSecond = opsPerSecond;
  }

  public LiveWriter start() {
    thread = new Thread(this, "live-writer-" + table);
    thread.start();
    return this;
  }

  /**
   * Waits until the writer has made {@code more} changes beyond those made so far: traffic measured
   * in changes, not in time, so a slow machine waits longer instead of asserting on less.
   *
   * @param more how many more changes
   * @throws InterruptedException if interrupted
   */
  public void awaitMore(int more) throws InterruptedException {
    int wanted = ops.get() + more;
    Await.until(
        "the live writer's next " + more + " change(s) on " + table,
        java.time.Duration.ofMinutes(3),
        () -> ops.get() >= wanted);
  }

  /** Whether the writer was started and not stopped. */
  public boolean running() {
    return thread != null && !stop.get();
  }

  public void stop() throws InterruptedException {
    stop.set(true);
    thread.join();
  }

  @Override
  public void run() {
    Random rnd = new Random(11);
    int next = 0;
    while (!stop.get()) {
      int op = ops.getAndIncrement();
      String id = "item-" + rnd.nextInt(existing);
      switch (op % 4) {
        case 0 -> {
          Map<String, AttributeValue> item =
              new HashMap<>(TestItems.ordinary("id", TestItems.s("live-" + next++), rnd));
          client.putItem(b -> b.tableName(table).item(item));
        }
        case 1 ->
            client.updateItem(
                b ->
                    b.tableName(table)
                        .key(Map.of("id", TestItems.s(id)))
                        .updateExpression("SET added = :v, amount = :n REMOVE flag")
                        .expressionAttributeValues(
                            Map.of(":v", TestItems.s("upd-" + op), ":n", TestItems.n(op + ".25"))));
        case 2 -> client.deleteItem(b -> b.tableName(table).key(Map.of("id", TestItems.s(id))));
        default ->
            client.putItem(
                b -> b.tableName(table).item(TestItems.ordinary("id", TestItems.s(id), rnd)));
      }
      try {
        Thread.sleep(1000L / opsPerSecond);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
