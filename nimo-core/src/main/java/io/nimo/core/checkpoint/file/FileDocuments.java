package io.nimo.core.checkpoint.file;

import io.nimo.core.checkpoint.CheckpointDocuments;
import io.nimo.core.checkpoint.CheckpointException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Documents as {@code <dir>/<name>.json}. A write goes to a temporary file that is flushed to disk
 * and renamed over the old one, so a crash leaves either the old or the new file.
 */
final class FileDocuments implements CheckpointDocuments {
  private final Path dir;

  FileDocuments(Path dir) {
    this.dir = dir;
  }

  Path file(String name) {
    return dir.resolve(name + ".json");
  }

  @Override
  public Optional<String> read(String name) {
    Path f = file(name);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(f, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CheckpointException("cannot read checkpoint file " + f + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void write(String name, String json) {
    Path file = file(name);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(dir);
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new CheckpointException(
          "cannot write checkpoint file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return dir.toAbsolutePath().normalize().toString();
  }
}
