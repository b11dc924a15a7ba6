package io.nimo.core.sink.mongo;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ConvertType;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.convert.ExactBsonConverter;
import io.nimo.core.convert.ItemConverter;
import io.nimo.core.convert.OriginalShapes;
import org.bson.Document;

/**
 * The document shape the MongoDB target writes.
 *
 * @param type {@code convert.type} ({@code exact} when empty)
 * @param idPrefix {@code convert._id}: the prefix of an attribute named like a reserved field
 */
record DocumentShape(ConvertType type, String idPrefix) {

  static DocumentShape from(Configuration c) {
    return new DocumentShape(c.get(ShakeOptions.CONVERT_TYPE), c.get(MongoOptions.CONVERT_ID));
  }

  /**
   * The converter of this shape.
   *
   * @throws IllegalArgumentException when the prefix is not usable
   */
  ItemConverter<Document> converter() {
    return switch (type) {
      case RAW -> new OriginalShapes(OriginalShapes.Shape.RAW, idPrefix);
      case CHANGE -> new OriginalShapes(OriginalShapes.Shape.CHANGE, idPrefix);
      case MCHANGE -> new OriginalShapes(OriginalShapes.Shape.MCHANGE, idPrefix);
      case DEFAULT, EXACT, SAME -> new ExactBsonConverter(idPrefix);
    };
  }
}
