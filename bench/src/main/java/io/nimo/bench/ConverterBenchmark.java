package io.nimo.bench;

import io.nimo.core.convert.ExactBsonConverter;
import io.nimo.core.convert.OriginalShapes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Item → MongoDB document for a 1 KB item: nimo's lossless {@code exact} against the original's
 * default {@code mchange}. Run with {@code bash bench/converter-bench.sh}, which prints the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConverterBenchmark {
  private final ExactBsonConverter exact = new ExactBsonConverter("pre");
  private final OriginalShapes mchange = new OriginalShapes(OriginalShapes.Shape.MCHANGE, "pre");
  private final Map<String, AttributeValue> item = item();

  /** About 1 KB: strings, exact-double numbers, a binary, a set, a list and a nested map. */
  static Map<String, AttributeValue> item() {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put("pk", AttributeValue.fromS("customer#000123"));
    m.put("sk", AttributeValue.fromS("order#2026-12-01T10:00:00Z#0042"));
    m.put("status", AttributeValue.fromS("SHIPPED"));
    m.put("amount", AttributeValue.fromN("1234.5"));
    m.put("quantity", AttributeValue.fromN("3"));
    m.put("note", AttributeValue.fromS("x".repeat(400)));
    m.put("blob", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[128])));
    m.put("tags", AttributeValue.fromSs(List.of("gift", "express", "fragile", "priority")));
    m.put(
        "lines",
        AttributeValue.fromL(
            List.of(
                AttributeValue.fromM(
                    Map.of("sku", AttributeValue.fromS("A-1"), "n", AttributeValue.fromN("2"))),
                AttributeValue.fromM(
                    Map.of("sku", AttributeValue.fromS("B-7"), "n", AttributeValue.fromN("1"))))));
    m.put(
        "address",
        AttributeValue.fromM(
            Map.of(
                "street", AttributeValue.fromS("1 Long Street, Building 7, Floor 3"),
                "city", AttributeValue.fromS("Hangzhou"),
                "zip", AttributeValue.fromN("310000"),
                "primary", AttributeValue.fromBool(true),
                "geo",
                    AttributeValue.fromL(
                        List.of(AttributeValue.fromN("30.25"), AttributeValue.fromN("120.125"))))));
    m.put("deleted", AttributeValue.fromNul(true));
    return m;
  }

  @Benchmark
  public Document exact() {
    return exact.toTarget(item);
  }

  @Benchmark
  public Document mchange() {
    return mchange.toTarget(item);
  }
}
