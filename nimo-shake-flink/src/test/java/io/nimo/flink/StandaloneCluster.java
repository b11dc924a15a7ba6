package io.nimo.flink;

import io.nimo.core.testkit.DynamoLocal;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Flink 1.20 standalone session cluster in separate JVMs, started from Flink's own jars
 * (flink-lib) without Flink's shell scripts: one JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}) whose resources
 * are given as dynamic properties. Each process logs to its own file.
 */
final class StandaloneCluster implements AutoCloseable {
  static final Path FLINK_LIB = Path.of("../flink-lib/target/flink-lib");

  private final Path dir;
  final int restPort = DynamoLocal.freePort();
  private final int rpcPort = DynamoLocal.freePort();
  private final Process jobManager;
  final List<Process> taskManagers = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  private StandaloneCluster(Path dir, int slots) throws IOException {
    this.dir = dir;
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(
        conf.resolve("flink-conf.yaml"),
        String.join(
            "\n",
            "jobmanager.rpc.address: localhost",
            "jobmanager.rpc.port: " + rpcPort,
            "jobmanager.bind-host: localhost",
            "taskmanager.bind-host: localhost",
            "taskmanager.host: localhost",
            "rest.address: localhost",
            "rest.bind-address: localhost",
            "rest.port: " + restPort,
            "jobmanager.memory.process.size: 768m",
            "taskmanager.numberOfTaskSlots: " + slots,
            "heartbeat.interval: 1000",
            "heartbeat.timeout: 6000",
            "restart-strategy.type: fixed-delay",
            "restart-strategy.fixed-delay.attempts: 20",
            "restart-strategy.fixed-delay.delay: 2 s",
            "execution.checkpointing.dir: " + dir.resolve("checkpoints").toUri(),
            "execution.checkpointing.savepoint-dir: " + dir.resolve("savepoints").toUri(),
            ""));
    Files.writeString(
        conf.resolve("log4j.properties"),
        String.join(
            "\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.out.ref = out",
            "appender.out.type = Console",
            "appender.out.name = out",
            "appender.out.layout.type = PatternLayout",
            "appender.out.layout.pattern = %d{HH:mm:ss.SSS} %-5p %c{1} - %m%n",
            ""));
    jobManager =
        start(
            "jobmanager",
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
            List.of("-Xmx512m"),
            List.of());
  }

  static StandaloneCluster start(Path dir, int taskManagers, int slots) throws Exception {
    StandaloneCluster c = new StandaloneCluster(dir, slots);
    for (int i = 0; i < taskManagers; i++) {
      c.addTaskManager();
    }
    c.awaitSlots(taskManagers * slots);
    return c;
  }

  Process addTaskManager() throws IOException {
    int n = taskManagers.size() + 1;
    Process tm =
        start(
            "taskmanager-" + n,
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            List.of("-Xmx600m", "-XX:MaxDirectMemorySize=300m"),
            List.of(
                "-Dtaskmanager.cpu.cores=1.0",
                "-Dtaskmanager.memory.task.heap.size=384m",
                "-Dtaskmanager.memory.managed.size=64m",
                "-Dtaskmanager.memory.framework.heap.size=128m",
                "-Dtaskmanager.memory.framework.off-heap.size=128m",
                "-Dtaskmanager.memory.task.off-heap.size=0m",
                "-Dtaskmanager.memory.network.min=64m",
                "-Dtaskmanager.memory.network.max=64m",
                "-Dtaskmanager.memory.jvm-metaspace.size=256m",
                "-Dtaskmanager.memory.jvm-overhead.min=192m",
                "-Dtaskmanager.memory.jvm-overhead.max=192m",
                "-Dtaskmanager.resource-id=tm-" + n));
    taskManagers.add(tm);
    return tm;
  }

  Path log(String process) {
    return dir.resolve(process + ".log");
  }

  private Process start(String name, String main, List<String> jvm, List<String> dynamic)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvm);
    cmd.addAll(List.of(System.getProperty("nimo.flink.opens", "").split(" ")));
    cmd.add("-Dlog4j.configurationFile=" + dir.resolve("conf/log4j.properties"));
    cmd.add("-cp");
    cmd.add(FLINK_LIB.toAbsolutePath() + File.separator + "*");
    cmd.add(main);
    cmd.add("--configDir");
    cmd.add(dir.resolve("conf").toString());
    cmd.addAll(dynamic);
    cmd.removeIf(String::isBlank);
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile())
        .start();
  }

  String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  String post(String path, String json) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  void awaitSlots(int slots) throws Exception {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < end) {
      try {
        String overview = get("/overview");
        if (overview.contains("\"slots-total\":" + slots)) {
          return;
        }
      } catch (IOException notUp) {
        // the REST endpoint is still starting
      }
      if (!jobManager.isAlive()) {
        throw new IllegalStateException("the JobManager exited: see " + log("jobmanager"));
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        "the cluster did not offer " + slots + " slots: " + Map.of("overview", get("/overview")));
  }

  @Override
  public void close() {
    for (Process p : taskManagers) {
      p.destroyForcibly();
    }
    jobManager.destroyForcibly();
  }
}
