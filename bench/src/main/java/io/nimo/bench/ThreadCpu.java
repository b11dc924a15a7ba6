package io.nimo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a process's CPU goes, by thread group: sampled from {@code /proc/PID/task/TID/stat} while
 * it runs, keeping each thread's last reading (a thread's CPU only grows; one that ends keeps what
 * it had at the last sample, so very short-lived threads are missed).
 */
final class ThreadCpu {
  private final Path tasks;
  private final Map<String, Long> ticksByThread = new HashMap<>();
  private final Map<String, String> nameByThread = new HashMap<>();

  ThreadCpu(long pid) {
    this.tasks = Path.of("/proc", String.valueOf(pid), "task");
  }

  void sample() {
    try (var dirs = Files.list(tasks)) {
      for (Path task : dirs.toList()) {
        try {
          String text = Files.readString(task.resolve("stat"));
          String name = text.substring(text.indexOf('(') + 1, text.lastIndexOf(')'));
          String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
          String tid = task.getFileName().toString();
          ticksByThread.put(tid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
          nameByThread.put(tid, name);
        } catch (Exception gone) {
          // the thread ended between listing and reading
        }
      }
    } catch (Exception gone) {
      // the process ended
    }
  }

  /** Seconds of CPU per group: JIT, GC, JVM other, the tool's own threads, SDK/HTTP, main. */
  Map<String, Double> byGroup() {
    Map<String, Double> out = new TreeMap<>();
    for (Map.Entry<String, Long> e : ticksByThread.entrySet()) {
      out.merge(group(nameByThread.get(e.getKey())), e.getValue() / 100.0, Double::sum);
    }
    return out;
  }

  static String group(String thread) {
    if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
      return "JIT";
    }
    if (thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.startsWith("VM ")) {
      return "GC+VM";
    }
    if (thread.startsWith("nimo") || thread.startsWith("full-") || thread.startsWith("incr-")) {
      return "nimo pipeline";
    }
    if (thread.equals("java") || thread.equals("main")) {
      return "main";
    }
    if (thread.startsWith("sdk-") || thread.contains("connection") || thread.startsWith("aws-")) {
      return "SDK/HTTP";
    }
    return "other";
  }

  String summary() {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Double> e : byGroup().entrySet()) {
      b.append(b.length() == 0 ? "" : ", ")
          .append(String.format("%s %.1f s", e.getKey(), e.getValue()));
    }
    return b.toString();
  }
}
