package io.nimo.core.example;

import io.nimo.core.config.ExistPolicy;
import io.nimo.core.item.ItemJson;
import io.nimo.core.item.ItemKey;
import io.nimo.core.item.KeySchema;
import io.nimo.core.item.TableSchema;
import io.nimo.core.sink.PrepareResult;
import io.nimo.core.sink.Target;
import io.nimo.core.sink.TargetSession;
import io.nimo.core.sink.TargetTableExistsException;
import io.nimo.core.sink.WriteResult;
import io.nimo.core.source.ChangeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keeps each table in memory and writes it as DynamoDB-JSON lines to {@code DIR/<table>.jsonl} on
 * close; a later session loads them back (the key schema comes with every {@link #table} call).
 */
final class JsonFileTargetSession implements TargetSession {
  private final Path dir;
  private final Map<String, Table> tables = new ConcurrentHashMap<>();

  JsonFileTargetSession(Path dir) {
    this.dir = dir;
  }

  private record Table(
      KeySchema keys, ConcurrentSkipListMap<String, Map<String, AttributeValue>> items) {}

  /**
   * The table as this session holds it, loading what an earlier session wrote; {@code null} if
   * none.
   */
  private Table loaded(String name, KeySchema keys) {
    return tables.computeIfAbsent(
        name,
        n -> {
          if (!Files.exists(file(n))) {
            return null;
          }
          try {
            Table t = new Table(keys, new ConcurrentSkipListMap<>());
            for (String line : Files.readAllLines(file(n), StandardCharsets.UTF_8)) {
              Map<String, AttributeValue> item = ItemJson.read(line);
              t.items().put(keys.keyOf(item).toString(), item);
            }
            return t;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @Override
  public Target table(String name, KeySchema keys) {
    return new Target() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public PrepareResult prepare(TableSchema source, ExistPolicy policy) {
        boolean exists = tables.containsKey(name) || Files.exists(file(name));
        if (exists && policy != ExistPolicy.DROP) {
          throw new TargetTableExistsException(name);
        }
        tables.put(name, new Table(source.key(), new ConcurrentSkipListMap<>()));
        return new PrepareResult(exists, List.of());
      }

      @Override
      public WriteResult writeBatch(List<Map<String, AttributeValue>> items) {
        Table t = loaded(name, keys);
        Map<String, Map<String, AttributeValue>> unique = new java.util.LinkedHashMap<>();
        items.forEach(i -> unique.put(t.keys().keyOf(i).toString(), i));
        t.items().putAll(unique);
        return new WriteResult(unique.size(), 0, items.size() - unique.size());
      }

      @Override
      public WriteResult apply(List<ChangeEvent> events) {
        Table t = loaded(name, keys);
        for (ChangeEvent e : events) {
          if (e.kind() == ChangeEvent.Kind.REMOVE) {
            t.items().remove(e.key().toString());
          } else {
            t.items().put(e.key().toString(), e.newImage());
          }
        }
        return new WriteResult(events.size(), 0, 0);
      }

      @Override
      public Optional<Map<String, AttributeValue>> read(ItemKey key) {
        return Optional.ofNullable(loaded(name, keys).items().get(key.toString()));
      }

      @Override
      public Stream<Map<String, AttributeValue>> scan() {
        return new ArrayList<>(loaded(name, keys).items().values()).stream();
      }
    };
  }

  static Path file(Path dir, String table) {
    return dir.resolve(table + ".jsonl");
  }

  private Path file(String table) {
    return file(dir, table);
  }

  @Override
  public void close() {
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, Table> e : tables.entrySet()) {
        List<String> lines = new ArrayList<>();
        e.getValue().items().values().forEach(i -> lines.add(ItemJson.write(i)));
        Files.write(file(e.getKey()), lines, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
