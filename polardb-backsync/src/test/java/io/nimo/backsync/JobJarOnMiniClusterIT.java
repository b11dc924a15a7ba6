package io.nimo.backsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.PostgresLocal;
import io.nimo.core.testkit.TestTables;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * PolarDBBackSync.jar deployed the way the guide deploys it: a JAR job with entry class
 * org.example.PolarDBCdcJob, the guide's main arguments and application.yaml, submitted to a Flink
 * cluster (a MiniCluster in its own process with only Flink's jars on its class path) that loads it
 * in a user-code class loader.
 */
class JobJarOnMiniClusterIT {
  @TempDir Path work;

  @Test
  void theJobJarRunsAsAJarJobWithTheGuidesEntryClassAndArguments() throws Exception {
    try (PostgresLocal pg = PostgresLocal.start();
        DynamoLocal ddb = DynamoLocal.start()) {
      pg.exec(
          "create table orders (pk text primary key, item jsonb not null)",
          "create publication dbz_publication for all tables",
          "select pg_create_logical_replication_slot('flink_slot', 'pgoutput')");
      TestTables.createHashOnly(ddb.client(), "orders", "pk", ScalarAttributeType.S);
      Path yaml = work.resolve("application.yaml");
      Files.writeString(yaml, yaml(pg, ddb));
      List<String> cmd = submitter(yaml);
      Path out = work.resolve("cluster.log");
      Process cluster =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      try {
        BackSyncHarness.await(
            "the job submitted",
            Duration.ofSeconds(90),
            () -> read(out).contains("SUBMITTED") || !cluster.isAlive());
        assertThat(read(out)).contains("SUBMITTED").contains("PolarDBBackSync.jar");
        pg.exec(
            "insert into orders values ('j1', '{\"pk\":{\"S\":\"j1\"},\"via\":{\"S\":\"jar\"}}')");
        BackSyncHarness.await(
            "the change applied by the job jar",
            Duration.ofSeconds(90),
            () ->
                !cluster.isAlive()
                    || ddb.client()
                        .getItem(
                            g ->
                                g.tableName("orders").key(Map.of("pk", AttributeValue.fromS("j1"))))
                        .hasItem());
        assertThat(cluster.isAlive())
            .as("the cluster process; its output:%n%s", read(out))
            .isTrue();
      } finally {
        cluster.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void describeAsAMainArgumentPrintsEachTablesLayoutAndSubmitsNoJob() throws Exception {
    try (PostgresLocal pg = PostgresLocal.start();
        DynamoLocal ddb = DynamoLocal.start()) {
      pg.exec(
          "create table orders (id bigserial primary key, polardb_document jsonb not null)",
          "create publication dbz_publication for all tables",
          "select pg_create_logical_replication_slot('flink_slot', 'pgoutput')");
      TestTables.createHashOnly(ddb.client(), "orders", "pk", ScalarAttributeType.S);
      Path yaml = work.resolve("application.yaml");
      Files.writeString(yaml, yaml(pg, ddb));
      List<String> cmd = submitter(yaml);
      cmd.add("--describe");
      Path out = work.resolve("describe.log");
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      assertThat(p.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(read(out))
          .contains("PROBLEM: table \"public\".\"orders\" has REPLICA IDENTITY DEFAULT")
          .contains("1 problem(s) to fix before the job can run")
          .doesNotContain("SUBMITTED");
      assertThat(p.exitValue()).as("the submission fails with the problem").isNotZero();
    }
  }

  static String yaml(PostgresLocal pg, DynamoLocal ddb) {
    return "snapshot:\n  mode: never\nsource:\n  hostname: 127.0.0.1\n  port: "
        + pg.port()
        + "\n  slotName: flink_slot\n  database: postgres\ntarget:\n  region: cn-north-1\n"
        + "  endpoint: "
        + ddb.endpoint()
        + "\nfilter:\n  whiteTableSet:\n  blackTableSet:\ncheckpoint:\n  interval: 1000\n";
  }

  /** The stand-in cluster's command line: the job jar, the guide's entry class and arguments. */
  static List<String> submitter(Path yaml) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(System.getProperty("nimo.flink.opens", "").split(" ")));
    cmd.add("-cp");
    cmd.add("target/test-classes" + File.pathSeparator + "../flink-lib/target/flink-lib/*");
    cmd.add(JarJobSubmitter.class.getName());
    cmd.addAll(
        List.of(
            Paths.get("target", "PolarDBBackSync.jar").toString(),
            "org.example.PolarDBCdcJob",
            "--polardbusername",
            "postgres",
            "--polardbpassword",
            "any",
            "--dynamodbak",
            "test",
            "--dynamodbsk",
            "test",
            "--configfilename",
            yaml.toString()));
    cmd.removeIf(String::isEmpty);
    return cmd;
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
