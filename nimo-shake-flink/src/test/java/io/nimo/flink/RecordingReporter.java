package io.nimo.flink;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metrics reporter that keeps every registered metric by its full identifier, so a
 * MiniCluster test can read what a real reporter (e.g. Prometheus) would be given.
 */
public final class RecordingReporter implements MetricReporter, MetricReporterFactory {
  static final Map<String, Metric> METRICS = new ConcurrentHashMap<>();

  /** Configures a MiniCluster to report through this class. */
  static void configure(org.apache.flink.configuration.Configuration c) {
    c.setString("metrics.reporter.recording.factory.class", RecordingReporter.class.getName());
  }

  /** The sum of one counter over every operator instance of one table. */
  static long count(String table, String name) {
    return METRICS.entrySet().stream()
        .filter(e -> e.getKey().contains(".table." + table + ".") && e.getKey().endsWith(name))
        .mapToLong(e -> ((Counter) e.getValue()).getCount())
        .sum();
  }

  /** The largest value of a job-level gauge (e.g. the JobManager's numberOfFailedCheckpoints). */
  static long jobGauge(String name) {
    return METRICS.entrySet().stream()
        .filter(e -> e.getKey().endsWith("." + name) && e.getValue() instanceof Gauge)
        .mapToLong(e -> ((Number) ((Gauge<?>) e.getValue()).getValue()).longValue())
        .max()
        .orElse(0);
  }

  /** How many gauges of that name one table has (one per shard being read). */
  static long gauges(String table, String name) {
    return METRICS.entrySet().stream()
        .filter(e -> e.getKey().contains(".table." + table + ".") && e.getKey().endsWith(name))
        .filter(e -> e.getValue() instanceof Gauge)
        .count();
  }

  @Override
  public MetricReporter createMetricReporter(Properties properties) {
    return this;
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    METRICS.put(group.getMetricIdentifier(name), metric);
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    // kept: a test reads the counts after the operators are gone
  }
}
