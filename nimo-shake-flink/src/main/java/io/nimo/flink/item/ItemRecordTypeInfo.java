package io.nimo.flink.item;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information for {@link ItemRecord}: always {@link ItemRecordSerializer}. */
public final class ItemRecordTypeInfo extends TypeInformation<ItemRecord> {
  private static final long serialVersionUID = 1L;

  /** The one instance. */
  public static final ItemRecordTypeInfo INSTANCE = new ItemRecordTypeInfo();

  /** Found through {@code @TypeInfo} on {@link ItemRecord}, so {@code TypeInformation.of} works. */
  public static final class Factory extends TypeInfoFactory<ItemRecord> {
    @Override
    public TypeInformation<ItemRecord> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return INSTANCE;
    }
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<ItemRecord> getTypeClass() {
    return ItemRecord.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<ItemRecord> createSerializer(SerializerConfig config) {
    return ItemRecordSerializer.INSTANCE;
  }

  @Override
  @Deprecated
  public TypeSerializer<ItemRecord> createSerializer(ExecutionConfig config) {
    return ItemRecordSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "ItemRecord";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemRecordTypeInfo;
  }

  @Override
  public int hashCode() {
    return ItemRecordTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof ItemRecordTypeInfo;
  }
}
