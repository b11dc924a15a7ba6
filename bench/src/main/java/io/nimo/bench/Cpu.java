package io.nimo.bench;

import java.lang.management.ManagementFactory;

/** This process's CPU time, all threads, as the JVM reports it. */
final class Cpu {
  private Cpu() {}

  /** CPU nanoseconds this process has used so far. */
  static long processNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
