package io.nimo.core.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.convert.OriginalShapes.Shape;
import io.nimo.core.item.ItemEquality;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The original's shapes, pinned value by value, with their documented losses and refusals. */
class OriginalShapesTest {
  private static final OriginalShapes RAW = new OriginalShapes(Shape.RAW, "pre");
  private static final OriginalShapes CHANGE = new OriginalShapes(Shape.CHANGE, "pre");
  private static final OriginalShapes MCHANGE = new OriginalShapes(Shape.MCHANGE, "pre");

  private static Map<String, AttributeValue> item() {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put("s", AttributeValue.fromS("x"));
    m.put("i", AttributeValue.fromN("42"));
    m.put("big", AttributeValue.fromN("9007199254740993"));
    m.put("f", AttributeValue.fromN("1.5"));
    m.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1})));
    m.put("t", AttributeValue.fromBool(true));
    m.put("nul", AttributeValue.fromNul(true));
    m.put("ss", AttributeValue.fromSs(List.of("a")));
    m.put("l", AttributeValue.fromL(List.of(AttributeValue.fromS("a"))));
    m.put("m", AttributeValue.fromM(Map.of("_id", AttributeValue.fromS("inner"))));
    m.put("el", AttributeValue.fromL(List.of()));
    return m;
  }

  private static Map<String, AttributeValue> roundTrip(
      OriginalShapes c, Map<String, AttributeValue> item) {
    Document bson =
        new RawBsonDocument(c.toTarget(item), new DocumentCodec()).decode(new DocumentCodec());
    return c.toItem(bson);
  }

  @Test
  void rawWrapsEveryValueInItsTypeAndLosesNothing() {
    Document d = RAW.toTarget(item());
    assertThat(d.get("s")).isEqualTo(new Document("S", "x"));
    assertThat(d.get("i")).isEqualTo(new Document("N", "42"));
    assertThat(d.get("nul")).isEqualTo(new Document("NULL", true));
    assertThat(d.get("ss")).isEqualTo(new Document("SS", List.of("a")));
    assertThat(d.get("l")).isEqualTo(new Document("L", List.of(new Document("S", "a"))));
    assertThat(d.get("m"))
        .isEqualTo(new Document("M", new Document("pre_id", new Document("S", "inner"))));
    assertThat(d.get("el"))
        .as("nimo keeps an empty list's type")
        .isEqualTo(new Document("L", List.of()));
    assertThat(ItemEquality.equal(roundTrip(RAW, item()), item())).isTrue();
  }

  @Test
  void changeWritesPlainValuesIntegersAndDecimalsButNullBecomesTrue() {
    Document d = CHANGE.toTarget(item());
    assertThat(d.get("i")).isEqualTo(42);
    assertThat(d.get("big")).isEqualTo(9007199254740993L);
    assertThat(d.get("f")).isEqualTo(Decimal128.parse("1.5"));
    assertThat(d.get("b")).isEqualTo(new Binary(new byte[] {1}));
    assertThat(d.get("nul")).as("the original's documented quirk").isEqualTo(true);
    assertThat(d.get("ss")).isEqualTo(List.of("a"));
    Map<String, AttributeValue> back = roundTrip(CHANGE, item());
    assertThat(back.get("nul")).isEqualTo(AttributeValue.fromBool(true));
    assertThat(back.get("ss"))
        .as("sets come back as lists")
        .isEqualTo(AttributeValue.fromL(List.of(AttributeValue.fromS("a"))));
    assertThat(back.get("big")).isEqualTo(AttributeValue.fromN("9007199254740993"));
  }

  @Test
  void mchangeWritesDoublesAndKeepsNull() {
    Map<String, AttributeValue> small = new LinkedHashMap<>(item());
    small.remove("big");
    Document d = MCHANGE.toTarget(small);
    assertThat(d.get("i")).isEqualTo(42.0);
    assertThat(d.get("f")).isEqualTo(1.5);
    assertThat(d).containsEntry("nul", null);
    assertThat(roundTrip(MCHANGE, small).get("i")).isEqualTo(AttributeValue.fromN("42"));
  }

  @Test
  void numbersAShapeCannotHoldStopTheTableInsteadOfMergingKeys() {
    Map<String, AttributeValue> bigKey = Map.of("pk", AttributeValue.fromN("9007199254740993"));
    assertThatThrownBy(() -> MCHANGE.toTarget(bigKey))
        .hasMessageContaining("pk")
        .hasMessageContaining("not exactly a double")
        .hasMessageContaining("exact");
    Map<String, AttributeValue> digits38 =
        Map.of("n", AttributeValue.fromN("1.2345678901234567890123456789012345678"));
    assertThatThrownBy(() -> CHANGE.toTarget(digits38))
        .hasMessageContaining("n")
        .hasMessageContaining("34 digits");
    assertThat(RAW.toTarget(digits38).get("n"))
        .isEqualTo(new Document("N", "1.2345678901234567890123456789012345678"));
  }

  @Test
  void namesMongoDbCannotStoreAreRefusedNamingTheAttribute() {
    for (OriginalShapes c : List.of(RAW, CHANGE, MCHANGE)) {
      assertThatThrownBy(() -> c.toTarget(Map.of("$set", AttributeValue.fromS("x"))))
          .hasMessageContaining("'$set'")
          .hasMessageContaining("exact");
      assertThatThrownBy(() -> c.toTarget(Map.of("a.b", AttributeValue.fromS("x"))))
          .hasMessageContaining("'a.b'");
    }
  }
}
