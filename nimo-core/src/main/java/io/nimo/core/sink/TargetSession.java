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

  /**
   * Whether the target's reads are known to see the writes just made (see {@link
   * Target#strongReads}); the default is true.
   *
   * @return whether reads are strong
   */
  default boolean strongReads() {
    return true;
  }

  /**
   * One line on the reads this target gets, for the check's pre-flight.
   *
   * @return the description
   */
  default String describeReads() {
    return "strong reads";
  }

  @Override
  void close();
}
