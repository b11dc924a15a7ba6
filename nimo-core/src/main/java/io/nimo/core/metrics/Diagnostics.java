package io.nimo.core.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The JVM's answer to the original's pprof port ({@code system_profile}): a thread dump, heap and
 * GC figures, and each table's pipeline queue depths, served read-only by a {@link StatusServer}.
 * Nothing here includes configuration values, so no secret can leak through it.
 */
public final class Diagnostics {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Diagnostics() {}

  /**
   * The diagnostics routes.
   *
   * @param progress the job's full-sync progress (queue depths per table)
   * @return {@code /debug/threads}, {@code /debug/memory} and {@code /debug/queues}
   */
  public static Map<String, Supplier<StatusServer.Response>> routes(JobProgress progress) {
    Map<String, Supplier<StatusServer.Response>> routes = new LinkedHashMap<>();
    routes.put("/debug/threads", () -> StatusServer.Response.text(threadDump()));
    routes.put("/debug/memory", () -> StatusServer.Response.json(memory()));
    routes.put("/debug/queues", () -> StatusServer.Response.json(queues(progress)));
    return routes;
  }

  /**
   * Every live thread with its state, lock and whole stack.
   *
   * @return the dump as text
   */
  public static String threadDump() {
    StringBuilder b = new StringBuilder();
    for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
      b.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState());
      if (t.getLockName() != null) {
        b.append(" on ").append(t.getLockName());
      }
      b.append('\n');
      for (StackTraceElement e : t.getStackTrace()) {
        b.append("    at ").append(e).append('\n');
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String memory() {
    ObjectNode root = JSON.createObjectNode();
    var memory = ManagementFactory.getMemoryMXBean();
    usage(root.putObject("heap"), memory.getHeapMemoryUsage());
    usage(root.putObject("non_heap"), memory.getNonHeapMemoryUsage());
    ArrayNode gcs = root.putArray("gc");
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcs.addObject()
          .put("name", gc.getName())
          .put("collections", gc.getCollectionCount())
          .put("time_ms", gc.getCollectionTime());
    }
    root.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
    root.put("uptime_ms", ManagementFactory.getRuntimeMXBean().getUptime());
    return root.toString();
  }

  private static void usage(ObjectNode node, MemoryUsage u) {
    node.put("used_bytes", u.getUsed())
        .put("committed_bytes", u.getCommitted())
        .put("max_bytes", u.getMax());
  }

  private static String queues(JobProgress progress) {
    ObjectNode root = JSON.createObjectNode();
    for (TableProgress t : progress.tables()) {
      root.putObject(t.table())
          .put("state", t.snapshot().state().name().toLowerCase(java.util.Locale.ROOT))
          .put("scan_pages_queued", t.pagesQueued())
          .put("write_batches_queued", t.batchesQueued());
    }
    return root.toString();
  }
}
