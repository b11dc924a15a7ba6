package io.nimo.flink.metrics;

import java.util.Map;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/** Keeps the gauges registered through it by dotted name ({@code table.orders.name}). */
public final class RecordingMetrics extends UnregisteredMetricsGroup
    implements SplitEnumeratorMetricGroup {
  private final Map<String, Object> gauges;
  private final String prefix;

  public RecordingMetrics(Map<String, Object> gauges, String prefix) {
    this.gauges = gauges;
    this.prefix = prefix;
  }

  @Override
  public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
    gauges.put(prefix + name, gauge);
    return gauge;
  }

  @Override
  public MetricGroup addGroup(String key, String value) {
    return new RecordingMetrics(gauges, prefix + key + "." + value + ".");
  }

  /** The value of a gauge registered under a dotted name. */
  public static Object value(Map<String, Object> gauges, String name) {
    return ((Gauge<?>) gauges.get(name)).getValue();
  }

  @Override
  public <G extends Gauge<Long>> G setUnassignedSplitsGauge(G gauge) {
    return gauge;
  }
}
