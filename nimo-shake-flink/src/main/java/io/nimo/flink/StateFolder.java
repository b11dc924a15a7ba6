package io.nimo.flink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded runner's state folder: {@code checkpoints/<job>/chk-N} and {@code
 * savepoints/savepoint-*}, each complete once its {@code _metadata} file exists. A start resumes
 * from the newest complete one.
 */
final class StateFolder {
  private StateFolder() {}

  static Optional<Path> latest(Path state) throws IOException {
    if (!Files.isDirectory(state)) {
      return Optional.empty();
    }
    try (Stream<Path> all = Files.walk(state, 4)) {
      return all.filter(p -> p.getFileName().toString().equals("_metadata"))
          .map(Path::getParent)
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return n.startsWith("chk-") || n.startsWith("savepoint-");
              })
          .max(Comparator.comparing(StateFolder::modified));
    }
  }

  private static long modified(Path dir) {
    try {
      return Files.getLastModifiedTime(dir.resolve("_metadata")).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
