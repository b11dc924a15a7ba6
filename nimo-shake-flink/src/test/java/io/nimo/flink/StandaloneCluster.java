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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Flink 1.20 standalone cluster in separate JVMs, started from Flink's own jars (flink-lib)
 * without Flink's shell scripts: one JobManager and TaskManagers ({@code TaskManagerRunner}) whose
 * resources are given as dynamic properties. A session cluster ({@code
 * StandaloneSessionClusterEntrypoint}) by default; with an {@link Application}, an application
 * cluster ({@code StandaloneApplicationClusterEntryPoint}) that runs the job's main() inside the
 * JobManager, the job jar on every process's class path as in Flink's image ({@code usrlib}). Each
 * process logs to its own file; the JobManager can be killed and started again (high availability).
 */
final class StandaloneCluster implements AutoCloseable {
  static final Path FLINK_LIB = Path.of("../flink-lib/target/flink-lib");
  static final Path JOB_JAR = Path.of("target/NimoShakeFlink.jar");

  /**
   * An application cluster's job, and what its processes share.
   *
   * @param programArgs the arguments of the job's main()
   * @param confLines more flink-conf.yaml lines (high availability, ...)
   * @param env environment variables of every process (secrets)
   */
  record Application(List<String> programArgs, List<String> confLines, Map<String, String> env) {}

  private final Path dir;
  final int restPort = DynamoLocal.freePort();
  private final int rpcPort = DynamoLocal.freePort();
  private final Application application;
  private Process jobManager;
  private int jobManagers;
  final List<Process> taskManagers = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  private StandaloneCluster(Path dir, int slots, Application application) throws IOException {
    this.dir = dir;
    this.application = application;
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
            String.join("\n", application == null ? List.of() : application.confLines()),
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
    startJobManager();
  }

  static StandaloneCluster start(Path dir, int taskManagers, int slots) throws Exception {
    StandaloneCluster c = new StandaloneCluster(dir, slots, null);
    for (int i = 0; i < taskManagers; i++) {
      c.addTaskManager();
    }
    c.awaitSlots(taskManagers * slots);
    return c;
  }

  /** An application cluster: its JobManager runs the job's main() as soon as it starts. */
  static StandaloneCluster application(
      Path dir, int taskManagers, int slots, Application application) throws Exception {
    StandaloneCluster c = new StandaloneCluster(dir, slots, application);
    for (int i = 0; i < taskManagers; i++) {
      c.addTaskManager();
    }
    return c;
  }

  /** Starts a JobManager (again, after {@link #killJobManager()}); its log is jobmanager[-N]. */
  void startJobManager() throws IOException {
    jobManagers++;
    String name = jobManagers == 1 ? "jobmanager" : "jobmanager-" + jobManagers;
    if (application == null) {
      jobManager =
          start(
              name,
              "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
              List.of("-Xmx512m"),
              List.of());
      return;
    }
    // "--" ends the entry point's options: it would take --conf for a prefix of its --configDir
    List<String> args =
        new ArrayList<>(List.of("--job-classname", NimoShakeFlink.class.getName(), "--"));
    args.addAll(application.programArgs());
    jobManager =
        start(
            name,
            "org.apache.flink.container.entrypoint.StandaloneApplicationClusterEntryPoint",
            List.of("-Xmx512m"),
            args);
  }

  /** Kills the JobManager with SIGKILL and waits for it to be gone. */
  void killJobManager() throws InterruptedException {
    jobManager.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  Process jobManager() {
    return jobManager;
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
    String lib = FLINK_LIB.toAbsolutePath() + File.separator + "*";
    cmd.add(application == null ? lib : JOB_JAR.toAbsolutePath() + File.pathSeparator + lib);
    cmd.add(main);
    cmd.add("--configDir");
    cmd.add(dir.resolve("conf").toString());
    cmd.addAll(dynamic);
    cmd.removeIf(String::isBlank);
    ProcessBuilder b =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
    if (application != null) {
      b.environment().putAll(application.env());
    }
    return b.start();
  }

  /** The end of a process's log. */
  String tail(String process) {
    try {
      String all = Files.readString(log(process));
      return all.substring(Math.max(0, all.length() - 4000));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Every process's log. */
  String logs() throws IOException {
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        all.append(Files.readString(p));
      }
    }
    return all.toString();
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

  /** The REST API's view of a job, or "" while it cannot answer. */
  String job(String id) {
    try {
      return get("/jobs/" + id);
    } catch (Exception e) {
      return "";
    }
  }

  /** The job's completed checkpoints, or 0 while the REST API cannot answer. */
  int completedCheckpoints(String id) {
    Matcher m = Pattern.compile("\"completed\":(\\d+)").matcher(job(id + "/checkpoints"));
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** Waits for the one job an application cluster runs, and returns its id. */
  String awaitJob() throws Exception {
    String[] id = new String[1];
    io.nimo.core.testkit.Await.until(
        "the application's job",
        Duration.ofMinutes(2),
        () -> {
          Matcher m = Pattern.compile("\"jid\":\"([0-9a-f]{32})\"").matcher(job("overview"));
          if (!jobManager.isAlive()) {
            throw new IllegalStateException("the JobManager exited: " + tail("jobmanager"));
          }
          id[0] = m.find() ? m.group(1) : null;
          return id[0] != null;
        });
    return id[0];
  }

  /** Cancels a job. */
  void cancel(String id) throws IOException, InterruptedException {
    http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + "/jobs/" + id))
            .timeout(Duration.ofSeconds(10))
            .method("PATCH", HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
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
