package io.nimo.core.check;

import io.nimo.core.config.CheckOptions;
import io.nimo.core.config.Configuration;
import java.nio.file.Path;

/**
 * Where the check writes its reports and keeps its state, and where the repair reads them.
 *
 * @param reports {@code diff_output_file}: one {@code <table>.jsonl} per table that differs
 * @param state {@code check.state_dir}, or {@code nimo-full-check-state} beside the reports
 */
public record DiffFolders(Path reports, Path state) {

  /**
   * The folders a {@code nimo-full-check.conf} or {@code nimo-repair.conf} names.
   *
   * @param c a check or repair configuration
   * @return the folders
   */
  public static DiffFolders from(Configuration c) {
    return new DiffFolders(Path.of(c.get(CheckOptions.DIFF_OUTPUT)), CheckOptions.stateDir(c));
  }
}
