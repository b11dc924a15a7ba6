package io.nimo.core.config;

/**
 * How much runs at once, read once: tables copied in parallel, writer threads per table, shards
 * read in parallel per table. Connection pools are sized from it.
 *
 * @param fullTables {@code full.concurrency}
 * @param writers {@code full.document.concurrency}, 0 for the target's default
 * @param shardReaders {@code increase.concurrency}: shards read in parallel per table
 */
public record Concurrency(int fullTables, int writers, int shardReaders) {

  /**
   * The values of a configuration.
   *
   * @param c a nimo-shake configuration
   * @return the values
   */
  public static Concurrency from(Configuration c) {
    return new Concurrency(
        c.get(FullSyncOptions.FULL_CONCURRENCY),
        c.get(FullSyncOptions.FULL_DOC_CONCURRENCY),
        c.get(IncrSyncOptions.INCR_CONCURRENCY));
  }

  /**
   * Writer threads per table, the target's default when not set.
   *
   * @param targetDefault the target's default
   */
  public int writers(int targetDefault) {
    return writers > 0 ? writers : targetDefault;
  }

  /**
   * Connections the full sync's writers can hold at once.
   *
   * @param targetDefault the target's default writers per table
   * @return tables times writers
   */
  public int fullSyncWriters(int targetDefault) {
    return fullTables * writers(targetDefault);
  }
}
