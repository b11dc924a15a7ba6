package io.nimo.core.convert;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.item.ItemEquality;
import io.nimo.core.item.ItemJson;
import io.nimo.core.testkit.TestItems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ExactBsonConverterTest {
  private final ExactBsonConverter exact = new ExactBsonConverter("pre");

  /** Through real BSON bytes, as the driver sends and reads them. */
  private Map<String, AttributeValue> roundTrip(Map<String, AttributeValue> item) {
    Document doc = exact.toTarget(item);
    RawBsonDocument bytes = new RawBsonDocument(doc, new DocumentCodec());
    return exact.toItem(bytes.decode(new DocumentCodec()));
  }

  private static AttributeValue randomValue(Random rnd, int depth) {
    int kind = rnd.nextInt(depth > 4 ? 8 : 10);
    return switch (kind) {
      case 0 -> AttributeValue.fromS(rnd.nextBoolean() ? "" : "s" + rnd.nextInt(1000) + "ü$.");
      case 1 -> AttributeValue.fromN(randomNumber(rnd));
      case 2 -> AttributeValue.fromB(SdkBytes.fromByteArray(new byte[rnd.nextInt(4)]));
      case 3 -> AttributeValue.fromBool(rnd.nextBoolean());
      case 4 -> AttributeValue.fromNul(true);
      case 5 -> AttributeValue.fromSs(List.of("a" + rnd.nextInt(9), "b", "c.d"));
      case 6 -> AttributeValue.fromNs(List.of(randomNumber(rnd), "7"));
      case 7 ->
          AttributeValue.fromBs(
              List.of(
                  SdkBytes.fromByteArray(new byte[] {1}),
                  SdkBytes.fromByteArray(new byte[] {2, 3})));
      case 8 -> {
        List<AttributeValue> l = new ArrayList<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
          l.add(randomValue(rnd, depth + 1));
        }
        yield AttributeValue.fromL(l);
      }
      default -> {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
          m.put(randomName(rnd), randomValue(rnd, depth + 1));
        }
        yield AttributeValue.fromM(m);
      }
    };
  }

  private static String randomNumber(Random rnd) {
    return switch (rnd.nextInt(5)) {
      case 0 -> "12345678901234567890123456789012345678"; // 38 digits: no Decimal128
      case 1 -> "-0.000000000000000000000000000000000001";
      case 2 -> "9.9999999999999999999999999999999999999E+125";
      case 3 -> "1E-130";
      default -> String.valueOf(rnd.nextLong()) + "." + rnd.nextInt(1000);
    };
  }

  private static String randomName(Random rnd) {
    String[] names = {
      "a", "_id", "pre_id", "$set", "a.b", "%", "100%", "ünï", "", "x y", "%n", "%ss"
    };
    return names[rnd.nextInt(names.length)];
  }

  @Test
  void randomItemsOfEveryTypeNestingAndOddNameSurviveTheRoundTripThroughBson() {
    Random rnd = new Random(42);
    for (int i = 0; i < 2_000; i++) {
      Map<String, AttributeValue> item = new LinkedHashMap<>();
      item.put("pk", AttributeValue.fromS("k" + i));
      for (int a = rnd.nextInt(6); a > 0; a--) {
        item.put(randomName(rnd), randomValue(rnd, 0));
      }
      Map<String, AttributeValue> back = roundTrip(item);
      assertThat(ItemEquality.equal(back, item))
          .as("%s%nbecame %s", ItemJson.write(item), ItemJson.write(back))
          .isTrue();
    }
  }

  @Test
  void theTestKitsEdgeCaseItemsSurviveTheRoundTrip() {
    for (Map<String, AttributeValue> item :
        TestItems.edgeCases(
            "pk",
            List.of(
                TestItems.s("e1"),
                TestItems.s("e2"),
                TestItems.s("e3"),
                TestItems.s("e4"),
                TestItems.s("e5"),
                TestItems.s("e6"),
                TestItems.s("e7"),
                TestItems.s("e8"),
                TestItems.s("e9"),
                TestItems.s("e10")))) {
      assertThat(ItemEquality.equal(roundTrip(item), item)).as(ItemJson.write(item)).isTrue();
    }
  }

  @Test
  void numbersAreDecimalsWhenTheyFitAndKeepAll38DigitsWhenTheyDoNot() {
    Document d =
        exact.toTarget(
            Map.of(
                "small", AttributeValue.fromN("1.50"),
                "big", AttributeValue.fromN("12345678901234567890123456789012345678")));
    assertThat(d.get("small")).isEqualTo(Decimal128.parse("1.50"));
    assertThat(d.get("big"))
        .isEqualTo(new Document("%n", "12345678901234567890123456789012345678"));
    assertThat(roundTrip(Map.of("n", AttributeValue.fromN("1.50"))).get("n").n()).isEqualTo("1.50");
  }

  @Test
  void nullIsNotTrueAndSetsAreNotLists() {
    Document d =
        exact.toTarget(
            Map.of(
                "nul", AttributeValue.fromNul(true),
                "flag", AttributeValue.fromBool(true),
                "set", AttributeValue.fromSs(List.of("a")),
                "list", AttributeValue.fromL(List.of(AttributeValue.fromS("a")))));
    assertThat(d).containsEntry("nul", null).containsEntry("flag", true);
    assertThat(d.get("set")).isEqualTo(new Document("%ss", List.of("a")));
    assertThat(d.get("list")).isEqualTo(List.of("a"));
  }

  @Test
  void namesMongoDbCannotStoreAreEscapedAndAnIdAttributeGetsThePrefix() {
    Document d =
        exact.toTarget(
            Map.of(
                "$price", AttributeValue.fromN("1"),
                "a.b", AttributeValue.fromN("2"),
                "_id", AttributeValue.fromS("src-id"),
                "pre_id", AttributeValue.fromS("real pre_id"),
                "50%", AttributeValue.fromS("x")));
    assertThat(d.keySet())
        .containsExactlyInAnyOrder("%24price", "a%2Eb", "pre_id", "%70re_id", "50%25");
    assertThat(
            roundTrip(
                Map.of("_id", AttributeValue.fromS("src-id"), "pre_id", AttributeValue.fromS("p"))))
        .containsEntry("_id", AttributeValue.fromS("src-id"))
        .containsEntry("pre_id", AttributeValue.fromS("p"));
  }

  @Test
  void aMapThatLooksLikeATagIsStillAMap() {
    Map<String, AttributeValue> item =
        Map.of("m", AttributeValue.fromM(Map.of("%n", AttributeValue.fromS("not a number"))));
    assertThat(exact.toTarget(item).get("m")).isEqualTo(new Document("%25n", "not a number"));
    assertThat(roundTrip(item)).isEqualTo(item);
  }
}
