package io.nimo.backsync.source;

import io.nimo.backsync.config.BackSyncConfigException;
import io.nimo.backsync.config.BackSyncKeys;
import io.nimo.backsync.config.BackSyncOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds, at start, how each table of the source schemas holds DynamoDB items. A table is a DynamoDB
 * table when it has a JSONB document column ({@code layout.itemColumn}, else {@code
 * polardb_document} as PolarDB-DDB names it, else nimo-shake's {@code item}); any other table
 * (catalogs, nimo-shake's echo and checkpoint tables) is skipped and its changes ignored. The key
 * comes from the DynamoDB table the job writes to; the primary-key columns are used only when they
 * are those attributes. What cannot work is a problem naming the table and the fix.
 */
public final class LayoutDiscovery {
  /** PolarDB-DDB's document column. */
  public static final String POLARDB_DOCUMENT = "polardb_document";

  /** nimo-shake's document column ({@code target.postgresql.item_column}'s default). */
  public static final String NIMO_ITEM = "item";

  private final BackSyncOptions options;
  private final TargetKeys targetKeys;

  /**
   * A discovery.
   *
   * @param options the job options (schemas, filters, layout.itemColumn, echo table)
   * @param targetKeys the target's key schemas
   */
  public LayoutDiscovery(BackSyncOptions options, TargetKeys targetKeys) {
    this.options = options;
    this.targetKeys = targetKeys;
  }

  /**
   * Connects to the source and discovers.
   *
   * @return the layouts and the problems
   * @throws BackSyncConfigException when the catalog cannot be read
   */
  public Discovery discover() {
    try (Connection c = PgConnect.open(options)) {
      return discover(c);
    } catch (SQLException e) {
      throw new BackSyncConfigException(
          "cannot read the tables of " + options.jdbcUrl() + ": " + e.getMessage());
    }
  }

  /**
   * Reads the catalog and the target's key schemas.
   *
   * @param c a connection to the source database
   * @return the layouts and the problems
   * @throws SQLException when the catalog cannot be read
   */
  public Discovery discover(Connection c) throws SQLException {
    List<String> schemaKey = options.get(BackSyncKeys.SOURCE_SCHEMA);
    boolean all = schemaKey.contains("*");
    List<CatalogTable> found = CatalogTable.read(c, schemaKey, all);
    Set<String> schemas = new TreeSet<>(all ? new ArrayList<>() : schemaKey);
    found.forEach(t -> schemas.add(t.schema));
    Layouts layouts = new Layouts(new ArrayList<>(schemas));
    List<String> problems = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    Map<String, String> notes = new HashMap<>();
    RuntimeException describeFailure = null;
    for (CatalogTable t : found) {
      String skip = skipReason(t);
      if (skip != null) {
        layouts.skip(t.schema, t.name, skip);
        continue;
      }
      String twin = seen.put(t.name, t.display());
      if (twin != null) {
        problems.add(
            "tables "
                + twin
                + " and "
                + t.display()
                + " would both write DynamoDB table "
                + t.name
                + "; leave one out with filter.blackTableSet or source.schema");
        continue;
      }
      if (describeFailure != null) {
        continue;
      }
      Optional<List<KeyAttribute>> key;
      try {
        key = targetKeys.keyOf(t.name);
      } catch (RuntimeException e) {
        describeFailure = e;
        problems.add(
            "cannot read the key schema of DynamoDB table "
                + t.name
                + " (DescribeTable, target.endpoint / target.region): "
                + e.getMessage());
        continue;
      }
      if (key.isEmpty()) {
        problems.add(
            "DynamoDB table "
                + t.name
                + " does not exist at the target; the way back writes to the table the migration"
                + " read, so create it with its key schema, or leave "
                + t.display()
                + " out with filter.blackTableSet");
        continue;
      }
      TableLayout layout = layout(t, key.get());
      String refusal = refusal(t, layout);
      String sample = refusal == null ? KeySample.check(c, layout) : null;
      if (refusal != null) {
        problems.add(refusal);
      } else if (sample != null && !sample.equals(KeySample.MATCHES)) {
        problems.add(sample + ": the target's key schema does not match the stored items");
      } else {
        layouts.add(layout);
        notes.put(
            t.name, sample == null ? "table empty, key schema not compared" : "key schema matches");
      }
    }
    missingWhiteListed(found, problems);
    if (layouts.tables().isEmpty() && problems.isEmpty()) {
      problems.add(
          "no DynamoDB table in schema(s) "
              + schemas
              + " of database "
              + options.get(BackSyncKeys.SOURCE_DATABASE)
              + " (source.database, source.schema): a DynamoDB table has a jsonb column "
              + documentCandidates());
    }
    return new Discovery(layouts, problems, notes);
  }

  private String skipReason(CatalogTable t) {
    if (t.name.equals(options.get(BackSyncKeys.ECHO_TABLE))) {
      return "nimo-shake's echo marker table (echo.markerTable)";
    }
    if (t.name.endsWith("-checkpoint")) {
      return "nimo-shake's checkpoint table";
    }
    List<String> white = options.get(BackSyncKeys.FILTER_WHITE);
    if (!white.isEmpty() && !white.contains(t.name)) {
      return "not in filter.whiteTableSet";
    }
    if (options.get(BackSyncKeys.FILTER_BLACK).contains(t.name)) {
      return "in filter.blackTableSet";
    }
    if (documentColumn(t) == null) {
      return "not a DynamoDB table: no jsonb column " + documentCandidates();
    }
    return null;
  }

  private String documentColumn(CatalogTable t) {
    for (String name : documentCandidateList()) {
      String type = t.columns.get(name);
      if (type != null && (type.equals("jsonb") || type.equals("json"))) {
        return name;
      }
    }
    return null;
  }

  private List<String> documentCandidateList() {
    String configured = options.get(BackSyncKeys.ITEM_COLUMN);
    return configured.isEmpty() ? List.of(POLARDB_DOCUMENT, NIMO_ITEM) : List.of(configured);
  }

  private String documentCandidates() {
    String configured = options.get(BackSyncKeys.ITEM_COLUMN);
    return configured.isEmpty()
        ? POLARDB_DOCUMENT + " or " + NIMO_ITEM
        : configured + " (layout.itemColumn)";
  }

  private TableLayout layout(CatalogTable t, List<KeyAttribute> key) {
    Set<String> keyNames = new HashSet<>();
    key.forEach(k -> keyNames.add(k.name()));
    boolean fromColumns = !t.primaryKey.isEmpty() && keyNames.equals(new HashSet<>(t.primaryKey));
    for (KeyAttribute k : key) {
      String type = t.columns.get(k.name());
      fromColumns &= type != null && k.type().equals(CatalogTable.keyType(type));
    }
    return new TableLayout(
        t.schema, t.name, documentColumn(t), key, fromColumns, t.replicaIdentity);
  }

  private static String refusal(CatalogTable t, TableLayout l) {
    char ri = l.replicaIdentity();
    if (l.keyFromColumns() && (ri == 'd' || ri == 'f')) {
      return null;
    }
    if (!l.keyFromColumns() && ri == 'f') {
      return null;
    }
    String why =
        l.keyFromColumns()
            ? "a delete must carry the key columns"
            : "its primary key "
                + (t.primaryKey.isEmpty() ? "is absent" : t.primaryKey + " is not the DynamoDB key")
                + ", so a delete's key is only in the old document";
    return "table "
        + t.display()
        + " has REPLICA IDENTITY "
        + ReplicaIdentity.name(ri)
        + " and "
        + why
        + "; run: ALTER TABLE "
        + t.display()
        + " REPLICA IDENTITY FULL;";
  }

  private void missingWhiteListed(List<CatalogTable> found, List<String> problems) {
    Set<String> names = new HashSet<>();
    found.forEach(t -> names.add(t.name));
    for (String w : options.get(BackSyncKeys.FILTER_WHITE)) {
      if (!names.contains(w)) {
        problems.add(
            "filter.whiteTableSet names "
                + w
                + ", which is not a table in schema(s) "
                + options.get(BackSyncKeys.SOURCE_SCHEMA));
      }
    }
  }
}
