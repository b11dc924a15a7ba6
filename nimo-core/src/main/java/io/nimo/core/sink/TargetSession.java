package io.nimo.core.sink;

import io.nimo.core.item.KeySchema;

/**
 * An open connection to one target database, shared by all tables of a job. Created by a {@link
 * TargetProvider}; closed by the job when it ends.
 */
public interface TargetSession extends AutoCloseable {

  /**
   * The target table for a source table of the same name. Cheap; performs no I/O.
   *
   * @param keys the source table's primary key; given on every open, also when a resumed run skips
   *     {@link Target#prepare}, so a target never has to persist it itself
   */
  Target table(String name, KeySchema keys);

  @Override
  void close();
}
