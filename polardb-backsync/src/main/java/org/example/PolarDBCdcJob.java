package org.example;

import io.nimo.backsync.BackSyncMain;

/** The entry class the guide deploys ({@code org.example.PolarDBCdcJob}); it runs ours. */
public final class PolarDBCdcJob {
  private PolarDBCdcJob() {}

  /**
   * Runs polardb-backsync.
   *
   * @param args {@code --polardbusername --polardbpassword --dynamodbak --dynamodbsk
   *     [--configfilename] [--local]}
   * @throws Exception when the job cannot be submitted
   */
  public static void main(String[] args) throws Exception {
    BackSyncMain.main(args);
  }
}
