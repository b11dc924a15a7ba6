package io.nimo.backsync.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.backsync.config.BackSyncOptions;
import io.nimo.core.testkit.PostgresLocal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An item logical replication left out is re-read by key; a row gone since becomes a delete. */
class ToastedItemResolverIT {
  static final Layouts BIG =
      new Layouts(List.of("public"))
          .add(
              new TableLayout(
                  "public",
                  "big",
                  "item",
                  List.of(new KeyAttribute("h", "N"), new KeyAttribute("r", "B")),
                  true,
                  'd'));

  static ChangeRecord leftOut(String key) {
    ChangeRecord r = new ChangeRecord("big", ChangeRecord.UPSERT, key, null, 7, 0);
    r.itemUnavailable = true;
    return r;
  }

  @Test
  void rereadsTheItemOrDeletesWhenTheRowIsGone() throws Exception {
    try (PostgresLocal pg = PostgresLocal.start()) {
      pg.exec(
          "create table big (h numeric, r bytea, item jsonb not null, primary key (h, r))",
          "insert into big values (7.5, '\\x00ff', '{\"h\":{\"N\":\"7.5\"},\"v\":{\"S\":\"x\"}}')");
      BackSyncOptions o = SourcePreflightIT.options(pg, "initial");
      ToastedItemResolver resolver = new ToastedItemResolver(o, BIG);
      try {
        ChangeRecord present =
            resolver.map(leftOut("{\"h\":{\"N\":\"7.50\"},\"r\":{\"B\":\"AP8=\"}}"));
        assertThat(present.op).isEqualTo(ChangeRecord.UPSERT);
        assertThat(present.itemJson).contains("\"v\": {\"S\": \"x\"}");
        assertThat(present.itemUnavailable).isFalse();
        ChangeRecord gone = resolver.map(leftOut("{\"h\":{\"N\":\"8\"},\"r\":{\"B\":\"AP8=\"}}"));
        assertThat(gone.op).isEqualTo(ChangeRecord.DELETE);
        ChangeRecord untouched = new ChangeRecord("big", ChangeRecord.UPSERT, "{}", "{}", 1, 0);
        assertThat(resolver.map(untouched)).isSameAs(untouched);
      } finally {
        resolver.close();
      }
    }
  }

  @Test
  void rereadsByTheKeyInsideTheDocumentWhereThePrimaryKeyIsASurrogate() throws Exception {
    try (PostgresLocal pg = PostgresLocal.start()) {
      pg.exec(
          "create table \"Scores-1\" (id bigserial primary key, polardb_document jsonb not null)",
          "insert into \"Scores-1\" (polardb_document) values ('{\"u\":{\"S\":\"a\"},"
              + "\"n\":{\"N\":\"7.50\"},\"b\":{\"B\":\"AP8=\"},\"v\":{\"S\":\"x\"}}')");
      Layouts scores =
          new Layouts(List.of("public"))
              .add(
                  new TableLayout(
                      "public",
                      "Scores-1",
                      "polardb_document",
                      List.of(
                          new KeyAttribute("u", "S"),
                          new KeyAttribute("n", "N"),
                          new KeyAttribute("b", "B")),
                      false,
                      'f'));
      ToastedItemResolver resolver =
          new ToastedItemResolver(SourcePreflightIT.options(pg, "initial"), scores);
      try {
        ChangeRecord r =
            new ChangeRecord(
                "Scores-1",
                ChangeRecord.UPSERT,
                "{\"u\":{\"S\":\"a\"},\"n\":{\"N\":\"7.5\"},\"b\":{\"B\":\"AP8=\"}}",
                null,
                7,
                0);
        r.itemUnavailable = true;
        ChangeRecord present = resolver.map(r);
        assertThat(present.op).isEqualTo(ChangeRecord.UPSERT);
        assertThat(present.itemJson).contains("\"v\": {\"S\": \"x\"}");
        ChangeRecord other =
            new ChangeRecord(
                "Scores-1",
                ChangeRecord.UPSERT,
                "{\"u\":{\"S\":\"a\"},\"n\":{\"N\":\"8\"},\"b\":{\"B\":\"AP8=\"}}",
                null,
                7,
                0);
        other.itemUnavailable = true;
        assertThat(resolver.map(other).op).isEqualTo(ChangeRecord.DELETE);
      } finally {
        resolver.close();
      }
    }
  }

  @Test
  void failsNamingTheKeyWhenTheRowCannotBeReread() throws Exception {
    try (PostgresLocal pg = PostgresLocal.start()) {
      ToastedItemResolver resolver =
          new ToastedItemResolver(SourcePreflightIT.options(pg, "initial"), BIG);
      // no such table: every attempt fails, and the change is never passed on as a placeholder
      assertThatThrownBy(() -> resolver.map(leftOut("{\"h\":{\"N\":\"1\"}}")))
          .hasMessageContaining("table big key {\"h\":{\"N\":\"1\"}}")
          .hasMessageContaining("re-reading it failed");
      resolver.close();
    }
  }
}
