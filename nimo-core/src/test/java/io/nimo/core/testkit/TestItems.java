package io.nimo.core.testkit;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items that exercise every DynamoDB type and its limits. Deterministic for a given seed. */
public final class TestItems {
  private TestItems() {}

  public static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  public static AttributeValue n(String v) {
    return AttributeValue.fromN(v);
  }

  /** A typical item with most types, about 300 bytes. */
  public static Map<String, AttributeValue> ordinary(
      String hashName, AttributeValue hash, Random rnd) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(hashName, hash);
    item.put("name", s("name-" + rnd.nextInt(1_000_000)));
    item.put("amount", n(rnd.nextInt(100000) + "." + rnd.nextInt(100)));
    item.put("flag", AttributeValue.fromBool(rnd.nextBoolean()));
    item.put("nothing", AttributeValue.fromNul(true));
    item.put(
        "tags", AttributeValue.fromSs(List.of("a" + rnd.nextInt(9), "b" + rnd.nextInt(9) + "x")));
    item.put(
        "scores",
        AttributeValue.fromNs(List.of("1", "2.5", String.valueOf(rnd.nextInt(1000) + 3))));
    item.put("blob", AttributeValue.fromB(SdkBytes.fromByteArray(bytes(rnd, 16))));
    item.put(
        "nested",
        AttributeValue.fromM(
            Map.of(
                "list",
                AttributeValue.fromL(List.of(s("x"), n("7"), AttributeValue.fromBool(false))),
                "empty",
                s(""))));
    return item;
  }

  /** Items at DynamoDB's limits; each has the given hash attribute set by the caller. */
  public static List<Map<String, AttributeValue>> edgeCases(
      String hashName, List<AttributeValue> hashes) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    Random rnd = new Random(7);
    int i = 0;
    // 1. an item just under 400 KB
    Map<String, AttributeValue> big = base(hashName, hashes.get(i++));
    big.put("payload", s("x".repeat(399 * 1024)));
    out.add(big);
    // 2. 38-digit numbers and extreme exponents, never doubles
    Map<String, AttributeValue> nums = base(hashName, hashes.get(i++));
    nums.put("n38", n("12345678901234567890123456789012345678"));
    nums.put("neg38", n("-99999999999999999999999999999999999999"));
    nums.put("tiny", n("1E-130"));
    nums.put("huge", n("9.9999999999999999999999999999999999999E+125"));
    nums.put("frac", n("0.000000000000000000000000000000000001"));
    nums.put(
        "ns", AttributeValue.fromNs(List.of("1", "1.5", "12345678901234567890123456789012345678")));
    out.add(nums);
    // 3. empty string/binary, empty list/map, NULL next to BOOL
    Map<String, AttributeValue> empty = base(hashName, hashes.get(i++));
    empty.put("es", s(""));
    empty.put("eb", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[0])));
    empty.put("el", AttributeValue.fromL(List.of()));
    empty.put("em", AttributeValue.fromM(Map.of()));
    empty.put("null", AttributeValue.fromNul(true));
    empty.put("false", AttributeValue.fromBool(false));
    empty.put(
        "bs",
        AttributeValue.fromBs(
            List.of(
                SdkBytes.fromByteArray(new byte[] {0}),
                SdkBytes.fromByteArray(new byte[] {1, 2, (byte) 255}))));
    out.add(empty);
    // 4. nesting 32 levels deep
    Map<String, AttributeValue> deep = base(hashName, hashes.get(i++));
    AttributeValue v = s("bottom");
    for (int d = 0; d < 31; d++) {
      v =
          d % 2 == 0
              ? AttributeValue.fromM(Map.of("m" + d, v))
              : AttributeValue.fromL(List.of(v, n(String.valueOf(d))));
    }
    deep.put("deep", v);
    out.add(deep);
    // 5. odd attribute names and unicode values
    Map<String, AttributeValue> odd = base(hashName, hashes.get(i++));
    odd.put("a.b", s("dot"));
    odd.put("$dollar", s("dollar"));
    odd.put("_id", s("clash"));
    odd.put("名前", s("日本語テキスト 🚀 émoji"));
    odd.put("with space", s("sp"));
    odd.put("x".repeat(255), s("long name"));
    odd.put("bin", AttributeValue.fromB(SdkBytes.fromByteArray(bytes(rnd, 1024))));
    out.add(odd);
    return out;
  }

  private static Map<String, AttributeValue> base(String hashName, AttributeValue hash) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put(hashName, hash);
    return m;
  }

  public static byte[] bytes(Random rnd, int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  /** A binary key value derived from an integer. */
  public static AttributeValue binaryKey(int i) {
    return AttributeValue.fromB(SdkBytes.fromByteArray(BigInteger.valueOf(i).toByteArray()));
  }

  public static AttributeValue utf8Key(String prefix, int i) {
    return s(new String((prefix + i).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }
}
