package io.nimo.flink.operator;

import io.nimo.core.item.KeySchema;
import io.nimo.core.wiring.JobComponents;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Each source table's key schema, described once per operator and kept. */
public final class SourceKeys {
  private SourceKeys() {}

  /**
   * A cached lookup over the operator's source endpoint.
   *
   * @param parts the operator's components
   * @return table name to key schema
   */
  public static Function<String, KeySchema> of(JobComponents parts) {
    Map<String, KeySchema> keys = new ConcurrentHashMap<>();
    return table ->
        keys.computeIfAbsent(
            table,
            t ->
                parts
                    .sourceRetrier()
                    .call("DescribeTable " + t, () -> parts.source().describeTable(t))
                    .schema()
                    .key());
  }
}
