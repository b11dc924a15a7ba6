package io.nimo.backsync;

import io.nimo.backsync.apply.ItemStore;
import io.nimo.backsync.apply.ItemStoreFactory;
import io.nimo.backsync.apply.SdkItemStoreFactory;
import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.backsync.config.MainArgs;
import io.nimo.backsync.source.Discovery;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.PostgresLocal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Starts backsync jobs in an in-process MiniCluster against the test servers. */
final class BackSyncHarness {
  /** Every batch any job of this JVM sent, in order (the recording seam). */
  static final List<Map<String, List<WriteRequest>>> SENT =
      Collections.synchronizedList(new ArrayList<>());

  private BackSyncHarness() {}

  static Map<String, String> yaml(PostgresLocal pg, DynamoLocal ddb) {
    Map<String, String> y = new LinkedHashMap<>();
    y.put("source.hostname", "127.0.0.1");
    y.put("source.port", String.valueOf(pg.port()));
    y.put("source.database", "postgres");
    y.put("target.endpoint", ddb.endpoint());
    y.put("target.region", "us-east-1");
    y.put("checkpoint.interval", "500");
    y.put("apply.flushInterval", "50");
    y.put("progress.interval", "2000");
    return y;
  }

  static BackSyncOptions options(Map<String, String> yaml) {
    return BackSyncOptions.of(
        yaml,
        MainArgs.parse(
            new String[] {
              "--polardbusername", "postgres", "--polardbpassword", "secret-pw",
              "--dynamodbak", "test", "--dynamodbsk", "test"
            }));
  }

  /** A factory whose stores record every batch before sending it. */
  static ItemStoreFactory recording(BackSyncOptions o) {
    SdkItemStoreFactory real = new SdkItemStoreFactory(o);
    return () -> {
      ItemStore store = real.open();
      return new ItemStore() {
        @Override
        public Map<String, List<WriteRequest>> batchWrite(Map<String, List<WriteRequest>> r) {
          SENT.add(r);
          return store.batchWrite(r);
        }

        @Override
        public void close() {
          store.close();
        }
      };
    };
  }

  static JobClient start(BackSyncOptions o, ItemStoreFactory stores, Path restoreFrom, Path state)
      throws Exception {
    Configuration conf = new Configuration();
    conf.setString("restart-strategy.type", "none");
    if (state != null) {
      conf.setString("execution.checkpointing.dir", state.toUri().toString());
      conf.setString(
          "execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    }
    if (restoreFrom != null) {
      conf.setString("execution.savepoint.path", restoreFrom.toUri().toString());
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
    Discovery found = BackSyncMain.discover(o);
    if (!found.problems().isEmpty()) {
      throw new IllegalStateException("layout problems: " + found.problems());
    }
    BackSyncJob.define(env, o, found.layouts(), stores);
    return env.executeAsync("backsync-test");
  }

  /** Cancels a job that may already have failed (the failure is what the test reports). */
  static void cancel(JobClient job) {
    try {
      job.cancel().get();
    } catch (Exception | AssertionError e) {
      // already gone
    }
  }

  static void await(String what, Duration timeout, BooleanSupplier done)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
