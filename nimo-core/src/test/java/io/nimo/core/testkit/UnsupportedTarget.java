package io.nimo.core.testkit;

import io.nimo.core.config.ExistPolicy;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.TableSchema;
import io.nimo.core.sink.PrepareResult;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.ChangeEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A base for hand-written {@link Target} fakes: every call a test does not expect fails. */
public abstract class UnsupportedTarget implements Target {
  private final String name;

  protected UnsupportedTarget(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PrepareResult prepare(TableSchema source, ExistPolicy policy) {
    throw new AssertionError("unexpected prepare of " + name);
  }

  @Override
  public WriteResult writeBatch(List<Map<String, AttributeValue>> items) {
    throw new AssertionError("unexpected writeBatch to " + name);
  }

  @Override
  public WriteResult apply(List<ChangeEvent> events) {
    throw new AssertionError("unexpected apply to " + name);
  }

  @Override
  public Optional<Map<String, AttributeValue>> read(ItemKey key) {
    throw new AssertionError("unexpected read of " + name);
  }

  @Override
  public Stream<Map<String, AttributeValue>> scan() {
    throw new AssertionError("unexpected scan of " + name);
  }
}
