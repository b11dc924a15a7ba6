package io.nimo.core.sink;

/**
 * An open connection to one target database, shared by all tables of a job. Created by a {@link
 * TargetProvider}; closed by the job when it ends.
 */
public interface TargetSession extends AutoCloseable {

  /**
   * The target table for a source table of the same name. Cheap; performs no I/O.
   *
   * @param name the name
   * @return the target table for a source table of the same name
   */
  Target table(String name);

  @Override
  void close();
}
