package io.nimo.core.check;

import io.nimo.core.config.Configuration;
import io.nimo.core.dynamo.DynamoClient;
import io.nimo.core.item.ItemEquality;
import io.nimo.core.item.KeySchema;
import io.nimo.core.retry.Retrier;
import io.nimo.core.sink.Target;
import io.nimo.core.source.ChangeEvent;
import io.nimo.core.source.SourceTables;
import io.nimo.core.wiring.JobBuilder;
import io.nimo.core.wiring.JobComponents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Fixes what a {@link CheckJob} report lists: every listed key is read again from the source
 * (strongly consistent) and the target is made to match it (the item written, or deleted if the
 * source no longer has it), then read back to confirm; a key that reads back stale is read again
 * after growing pauses for up to {@code repair.verify_within} (a target whose reads lag its
 * writes). Keys that still differ then are counted as unresolved and written to {@code
 * <table>.unresolved.jsonl} next to the report.
 *
 * <pre>{@code
 * try (RepairJob repair = RepairJob.builder(conf).diffDirectory(Path.of("nimo-full-check-diff")).build()) {
 *   List<TableRepair> fixed = repair.run();
 * }
 * }</pre>
 */
public final class RepairJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RepairJob.class);
  private static final String SUFFIX = ".jsonl";
  private final JobComponents parts;
  private final Path diffDirectory;
  private final CheckEpochStore epochs;
  private final java.time.Duration verifyWithin;

  private RepairJob(Builder b) {
    this.verifyWithin = b.verifyWithin;
    this.parts = b.components().sourceConnections(4).build();
    this.diffDirectory = b.diffDirectory;
    this.epochs =
        new CheckEpochStore(
            b.stateDirectory != null
                ? b.stateDirectory
                : CheckJob.defaultStateDirectory(b.diffDirectory));
  }

  /** A builder over a validated configuration (the sync's keys). */
  public static Builder builder(Configuration config) {
    return new Builder(config);
  }

  /**
   * Repairs every table with a report in the diff directory.
   *
   * @return the result per table
   */
  public List<TableRepair> run() {
    List<TableRepair> out = new ArrayList<>();
    for (Path report : reports()) {
      String file = report.getFileName().toString();
      String table = file.substring(0, file.length() - SUFFIX.length());
      try {
        TableRepair r = repair(table, DiffFiles.read(report));
        if (r.complete() && epochs.repaired(table)) {
          LOG.info(
              "[stage=repair, table={}] every difference fixed: the failed full check's epoch is usable"
                  + " again for mode = changed",
              table);
        }
        out.add(r);
      } catch (RuntimeException e) {
        LOG.error("repairing table {} failed: {}", table, e.getMessage(), e);
        out.add(new TableRepair(table, 0, 0, 0, 0, String.valueOf(e.getMessage())));
      }
    }
    return out;
  }

  private List<Path> reports() {
    if (!Files.isDirectory(diffDirectory)) {
      throw new IllegalArgumentException(
          "diff directory "
              + diffDirectory.toAbsolutePath()
              + " does not exist; "
              + "run the check first");
    }
    try (Stream<Path> files = Files.list(diffDirectory)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(SUFFIX))
          .filter(f -> !f.getFileName().toString().endsWith(".unresolved" + SUFFIX))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + diffDirectory + ": " + e.getMessage(), e);
    }
  }

  private TableRepair repair(String table, List<Difference> differences) {
    DynamoClient source = parts.source();
    Retrier retrier = parts.sourceRetrier();
    KeySchema keys = new SourceTables(source, retrier).describe(table).keySchema();
    Target target = parts.targets().table(table, keys);
    long written = 0;
    long deleted = 0;
    long left = 0;
    long readAgain = 0;
    ReadBack readBack = new ReadBack(verifyWithin, retrier);
    Path leftFile = diffDirectory.resolve(table + ".unresolved" + SUFFIX);
    try (DiffFiles.Writer unresolved = new DiffFiles.Writer(leftFile)) {
      Files.deleteIfExists(leftFile);
      for (Difference d : differences) {
        Map<String, AttributeValue> now =
            retrier.call(
                "GetItem " + table + " {" + d.key() + "}",
                () -> source.getItem(table, d.key().values()));
        boolean onSource = now != null && !now.isEmpty();
        if (onSource) {
          target.writeBatch(List.of(now));
          written++;
        } else {
          target.apply(
              List.of(new ChangeEvent(ChangeEvent.Kind.REMOVE, d.key(), null, "repair", false)));
          deleted++;
        }
        int reads =
            readBack.reads(
                table + " {" + d.key() + "}",
                () -> {
                  Map<String, AttributeValue> after = target.read(d.key()).orElse(null);
                  return onSource ? after != null && ItemEquality.equal(now, after) : after == null;
                });
        if (reads == 0) {
          unresolved.add(d);
          left++;
        } else if (reads > 1) {
          readAgain++;
        }
      }
      LOG.info(
          "[stage=repair, table={}] listed={} written={} deleted={} unresolved={} read_again={}",
          table,
          differences.size(),
          written,
          deleted,
          left,
          readAgain);
      return new TableRepair(table, differences.size(), written, deleted, left, null, readAgain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    parts.close();
    LOG.debug("repair closed");
  }

  /** Collects the repair's parts; anything not set is created from the configuration. */
  public static final class Builder extends JobBuilder<Builder> {
    private Path diffDirectory =
        Path.of(io.nimo.core.config.CheckOptions.DIFF_OUTPUT.defaultValue());
    private Path stateDirectory;
    private java.time.Duration verifyWithin =
        io.nimo.core.config.CheckOptions.REPAIR_VERIFY_WITHIN.defaultValue();

    private Builder(Configuration config) {
      super(config);
    }

    @Override
    protected Builder self() {
      return this;
    }

    private JobComponents.Builder components() {
      return parts;
    }

    /**
     * The check's reports and state, as a {@code nimo-repair.conf} names them.
     *
     * @param f the folders
     * @return this builder
     */
    public Builder folders(DiffFolders f) {
      return diffDirectory(f.reports()).stateDirectory(f.state());
    }

    /**
     * Everything a {@code nimo-repair.conf} asks: the check's folders and the read-back limit.
     *
     * @param r the request
     * @return this builder
     */
    public Builder request(RepairRequest r) {
      return folders(r.folders()).verifyWithin(r.verifyWithin());
    }

    /**
     * How long a fixed key that reads back stale is read again before it counts as unresolved
     * ({@code repair.verify_within}, default 5 s; zero: one read).
     *
     * @param limit the time
     * @return this builder
     */
    public Builder verifyWithin(java.time.Duration limit) {
      if (limit.isNegative()) {
        throw new IllegalArgumentException("repair.verify_within must not be negative");
      }
      this.verifyWithin = limit;
      return this;
    }

    /**
     * The directory of the check's reports (default {@code nimo-full-check-diff}).
     *
     * @param dir the directory
     * @return this builder
     */
    public Builder diffDirectory(Path dir) {
      this.diffDirectory = dir;
      return this;
    }

    /**
     * The check's state folder ({@code check.state_dir}); default {@code nimo-full-check-state}
     * beside the diff directory.
     *
     * @param dir the folder
     * @return this builder
     */
    public Builder stateDirectory(Path dir) {
      this.stateDirectory = dir;
      return this;
    }

    /**
     * Creates the repair; no I/O happens until {@link #run()}.
     *
     * @return the repair
     */
    public RepairJob build() {
      return new RepairJob(this);
    }
  }
}
