package io.nimo.backsync.source;

import io.nimo.backsync.config.BackSyncConfigException;
import io.nimo.backsync.config.BackSyncKeys;
import io.nimo.backsync.config.BackSyncOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the PostgreSQL side before the job starts, so a setup that would lose changes silently is
 * refused with what to run instead. With {@code snapshot.mode: never} the job streams from the
 * slot's position, so the slot and the publication must already exist: a slot created at start has
 * none of the earlier changes, and pgoutput leaves out changes made before the publication existed.
 */
public final class SourcePreflight {
  private static final Logger LOG = LoggerFactory.getLogger(SourcePreflight.class);

  private SourcePreflight() {}

  /**
   * Runs the checks.
   *
   * @param o the options
   * @throws BackSyncConfigException naming what is missing and the SQL that creates it
   */
  public static void check(BackSyncOptions o) {
    String slot = o.get(BackSyncKeys.SOURCE_SLOT);
    String publication = o.get(BackSyncKeys.SOURCE_PUBLICATION);
    boolean streamOnly = o.get(BackSyncKeys.SNAPSHOT_MODE).equals("never");
    try (Connection c = PgConnect.open(o)) {
      String plugin = one(c, "select plugin from pg_replication_slots where slot_name = ?", slot);
      if (plugin == null && streamOnly) {
        throw new BackSyncConfigException(
            "replication slot "
                + slot
                + " (source.slotName) does not exist; with snapshot.mode: never it must be created"
                + " before the changes to sync back: SELECT * FROM pg_create_logical_replication_slot('"
                + slot
                + "', 'pgoutput'); (or use snapshot.mode: initial)");
      }
      if (plugin != null && !plugin.equals("pgoutput")) {
        throw new BackSyncConfigException(
            "replication slot " + slot + " uses plugin " + plugin + "; it must be pgoutput");
      }
      String pub = one(c, "select pubname from pg_publication where pubname = ?", publication);
      if (pub == null && streamOnly) {
        throw new BackSyncConfigException(
            "publication "
                + publication
                + " (source.publication) does not exist; pgoutput leaves out changes made before"
                + " it exists, so create it together with the slot: CREATE PUBLICATION "
                + publication
                + " FOR ALL TABLES;");
      }
      LOG.info(
          "PostgreSQL {}: slot {} ({}), publication {}",
          o.jdbcUrl(),
          slot,
          plugin == null ? "created at start" : plugin,
          pub == null ? "created at start" : pub);
    } catch (SQLException e) {
      throw new BackSyncConfigException(
          "cannot connect to " + o.jdbcUrl() + " as " + o.pgUser() + ": " + e.getMessage());
    }
  }

  private static String one(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }
}
