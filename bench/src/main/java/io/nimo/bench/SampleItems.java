package io.nimo.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Deterministic sample items of about 1 KB with S, N, B, BOOL, NULL, SS, NS, L and M attributes.
 */
final class SampleItems {
  private SampleItems() {}

  static Map<String, AttributeValue> order(int i) {
    Random rnd = new Random(i);
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put("pk", AttributeValue.fromS("customer#" + (i % 5000)));
    m.put("sk", AttributeValue.fromS("order#" + i));
    m.put("status", AttributeValue.fromS(i % 7 == 0 ? "PAID" : "NEW"));
    m.put("amount", AttributeValue.fromN(rnd.nextInt(100000) + "." + rnd.nextInt(100)));
    m.put("big", AttributeValue.fromN("1234567890123456789012345678901234567" + (i % 10)));
    m.put("paid", AttributeValue.fromBool(i % 7 == 0));
    m.put("coupon", AttributeValue.fromNul(true));
    m.put("tags", AttributeValue.fromSs(List.of("t" + (i % 3), "u" + (i % 5))));
    m.put("qty", AttributeValue.fromNs(List.of("1", String.valueOf(2 + i % 9))));
    byte[] b = new byte[256];
    rnd.nextBytes(b);
    m.put("sig", AttributeValue.fromB(SdkBytes.fromByteArray(b)));
    m.put("note", AttributeValue.fromS("x".repeat(400 + rnd.nextInt(200))));
    m.put(
        "address",
        AttributeValue.fromM(
            Map.of(
                "city",
                AttributeValue.fromS("Hangzhou"),
                "lines",
                AttributeValue.fromL(
                    List.of(AttributeValue.fromS("No. " + i), AttributeValue.fromS(""))))));
    return m;
  }
}
