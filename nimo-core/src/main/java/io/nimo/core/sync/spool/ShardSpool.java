package io.nimo.core.sync.spool;

import io.nimo.core.checkpoint.ShardCheckpoint;
import io.nimo.core.source.ChangeEvent;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * The on-disk spool of one shard: {@code <shardId>.spool} holds its changes in stream order, one
 * {@link SpoolCodec} line each; {@code <shardId>.replayed} records how far a replay has applied
 * them ({@code done} once all are applied, before the spool is deleted).
 */
final class ShardSpool {
  private static final byte[] DONE = "done".getBytes(StandardCharsets.US_ASCII);
  private final Path file;
  private final Path marker;

  ShardSpool(Path tableDir, String shardId) {
    this.file = tableDir.resolve(shardId + ".spool");
    this.marker = tableDir.resolve(shardId + ".replayed");
  }

  Path file() {
    return file;
  }

  boolean exists() {
    return Files.exists(file);
  }

  long size() throws IOException {
    return Files.exists(file) ? Files.size(file) : 0;
  }

  /**
   * Creates the spool if missing and cuts what lies beyond {@code position}: records written before
   * a crash could checkpoint them (they are read again from the stream) and a torn last line.
   * Returns the spool's size.
   */
  long prepare(ShardCheckpoint position) throws IOException {
    Files.createDirectories(file.getParent());
    long keep = 0;
    if (Files.exists(file)) {
      try (LineReader r = new LineReader(file, 0)) {
        for (SpoolCodec.Entry e = r.next(); e != null; e = r.next()) {
          if (!position.covers(e.event().sequenceNumber())) {
            break;
          }
          keep = r.offset();
        }
      }
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ch.truncate(keep);
      ch.force(true);
    }
    syncDirectory(file.getParent());
    return keep;
  }

  /** Appends a page and forces it to disk; returns the bytes added. */
  long append(List<ChangeEvent> events, long createdMillis) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ChangeEvent e : events) {
      out.write(SpoolCodec.encode(e, createdMillis));
    }
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.wrap(out.toByteArray());
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    }
    return out.size();
  }

  /**
   * Makes a new file's directory entry durable (a crash must not lose a spool the checkpoint relies
   * on).
   */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException notSupported) {
      // some platforms cannot open directories; the file itself is forced
    }
  }

  LineReader reader(long offset) throws IOException {
    return new LineReader(file, offset);
  }

  /** The replay progress: a byte offset, or -1 once every record is applied. */
  long replayed() throws IOException {
    if (!Files.exists(marker)) {
      return 0;
    }
    byte[] b = Files.readAllBytes(marker);
    return Arrays.equals(b, DONE)
        ? -1
        : Long.parseLong(new String(b, StandardCharsets.US_ASCII).trim());
  }

  boolean replayMarked() {
    return Files.exists(marker);
  }

  /** Atomically records replay progress ({@code -1} = all applied). */
  void markReplayed(long offset) throws IOException {
    Path tmp = marker.resolveSibling(marker.getFileName() + ".tmp");
    byte[] content = offset < 0 ? DONE : Long.toString(offset).getBytes(StandardCharsets.US_ASCII);
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap(content));
      ch.force(true);
    }
    Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  void deleteSpool() throws IOException {
    Files.deleteIfExists(file);
  }

  void deleteMarker() throws IOException {
    Files.deleteIfExists(marker);
  }

  /** Reads complete lines from an offset; a torn last line (no newline) ends the reading. */
  static final class LineReader implements AutoCloseable {
    private final InputStream in;
    private long offset;
    private byte[] line = new byte[8192];

    LineReader(Path file, long offset) throws IOException {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
      ch.position(offset);
      this.in = new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
      this.offset = offset;
    }

    /** The offset just past the last line returned. */
    long offset() {
      return offset;
    }

    SpoolCodec.Entry next() throws IOException {
      int n = 0;
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          return null;
        }
        if (n == line.length) {
          line = Arrays.copyOf(line, n * 2);
        }
        line[n++] = (byte) b;
      }
      SpoolCodec.Entry e = SpoolCodec.decode(line, n);
      offset += n + 1;
      return e;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
