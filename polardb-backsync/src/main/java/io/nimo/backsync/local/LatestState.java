package io.nimo.backsync.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds where a {@code --local} run resumes: the newest completed savepoint or retained checkpoint
 * (a folder with a {@code _metadata} file) under the state folder.
 */
public final class LatestState {
  private LatestState() {}

  /**
   * The newest savepoint or retained checkpoint under a folder.
   *
   * @param stateDir the folder
   * @return its folder, or empty when there is none
   */
  public static Optional<Path> find(Path stateDir) {
    if (!Files.isDirectory(stateDir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(stateDir, 4)) {
      return files
          .filter(p -> p.getFileName().toString().equals("_metadata"))
          .max(Comparator.comparingLong(LatestState::modified))
          .map(Path::getParent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + stateDir, e);
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
