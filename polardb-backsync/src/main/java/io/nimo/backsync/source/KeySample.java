package io.nimo.backsync.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Compares the target's key schema with one stored document, so a table mapped to the wrong
 * DynamoDB table (or a document column that holds something else) is refused before the cutover,
 * not at the first change.
 */
final class KeySample {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeySample() {}

  /** What {@link #check} found: "" when a document matches, null when the table is empty. */
  static final String MATCHES = "";

  /**
   * Checks one document.
   *
   * @return {@link #MATCHES}, null for an empty table, else what is wrong
   */
  static String check(Connection c, TableLayout l) throws SQLException {
    String doc;
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "select "
                    + Sql.quote(l.documentColumn())
                    + "::text from "
                    + Sql.quote(l.schema())
                    + "."
                    + Sql.quote(l.table())
                    + " limit 1")) {
      if (!r.next() || r.getString(1) == null) {
        return null;
      }
      doc = r.getString(1);
    }
    try {
      DocumentKeys.keyJson(l, JSON.readTree(doc));
      return MATCHES;
    } catch (IllegalStateException | IOException e) {
      return e.getMessage();
    }
  }
}
