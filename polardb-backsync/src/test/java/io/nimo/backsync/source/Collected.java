package io.nimo.backsync.source;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;

/** A collector that keeps what a deserializer emits, in order. */
final class Collected implements Collector<ChangeRecord> {
  final List<ChangeRecord> out = new ArrayList<>();

  @Override
  public void collect(ChangeRecord r) {
    out.add(r);
  }

  @Override
  public void close() {}
}
