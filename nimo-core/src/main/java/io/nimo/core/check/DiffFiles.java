package io.nimo.core.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nimo.core.item.ItemJson;
import io.nimo.core.item.ItemKey;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The diff report: one file per table, {@code <table>.jsonl}, one difference per line: {@code
 * {"kind":"DIFFERENT","key":{"id":{"S":"a"}},"attributes":["price"]}}, with {@code
 * "rechecked":true} when it was compared again after a pause and persisted.
 */
public final class DiffFiles {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DiffFiles() {}

  /**
   * The report file of {@code table} in {@code dir}.
   *
   * @param dir the directory
   */
  public static Path of(Path dir, String table) {
    return dir.resolve(table + ".jsonl");
  }

  /**
   * Moves an earlier run's report directory aside as {@code <dir>-<UTC timestamp>} (as the original
   * nimo-full-check does), so a new check never mixes with an old one and a repair never applies a
   * stale report. An empty or missing directory is left alone.
   *
   * @param dir the report directory
   * @param clock the clock for the timestamp
   * @return where the old reports went, or {@code null} if there were none
   */
  public static Path rotate(Path dir, java.time.Clock clock) {
    try {
      if (!Files.isDirectory(dir)) {
        return null;
      }
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isEmpty()) {
          return null;
        }
      }
      String stamp =
          java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
              .withZone(java.time.ZoneOffset.UTC)
              .format(clock.instant());
      Path target = dir.resolveSibling(dir.getFileName() + "-" + stamp);
      for (int n = 1; Files.exists(target); n++) {
        target = dir.resolveSibling(dir.getFileName() + "-" + stamp + "." + n);
      }
      Files.move(dir, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot move the previous diff reports in " + dir + " aside: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a table's report; a malformed line is an error naming the file and line.
   *
   * @return a table's report
   */
  public static List<Difference> read(Path file) {
    List<Difference> out = new ArrayList<>();
    try {
      int n = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode j = MAPPER.readTree(line);
          List<String> attrs = new ArrayList<>();
          j.path("attributes").forEach(a -> attrs.add(a.asText()));
          out.add(
              new Difference(
                  Difference.Kind.valueOf(j.path("kind").asText()),
                  new ItemKey(ItemJson.fromNode(j.path("key"))),
                  attrs));
        } catch (IOException | IllegalArgumentException e) {
          throw new IllegalArgumentException(
              file + " line " + n + " is not a difference: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read diff report " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Appends differences to a table's report as they are found. Thread-safe. */
  static final class Writer implements AutoCloseable {
    private final Path file;
    private final boolean rechecked;
    private BufferedWriter out;

    Writer(Path file) {
      this(file, false);
    }

    /**
     * A report writer; with {@code rechecked}, every difference is marked {@code "rechecked":true}:
     * it was compared again after a pause and persisted.
     */
    Writer(Path file, boolean rechecked) {
      this.file = file;
      this.rechecked = rechecked;
    }

    synchronized void add(Difference d) {
      ObjectNode n = MAPPER.createObjectNode();
      n.put("kind", d.kind().name());
      n.set("key", ItemJson.toNode(d.key().values()));
      d.attributes().forEach(n.putArray("attributes")::add);
      if (rechecked) {
        n.put("rechecked", true);
      }
      try {
        if (out == null) {
          Files.createDirectories(file.getParent());
          out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
        out.write(n.toString());
        out.newLine();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot write diff report " + file + ": " + e.getMessage(), e);
      }
    }

    /** The report, or {@code null} if nothing differed (no file is left behind). */
    synchronized Path written() {
      return out == null ? null : file;
    }

    @Override
    public synchronized void close() throws IOException {
      if (out != null) {
        out.close();
      }
    }
  }
}
