package io.nimo.flink;

import io.nimo.core.config.ConfigException;
import io.nimo.core.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.core.fs.FileSystem;

/**
 * Where the job's conf comes from: a local file, a URI the process running main() reads with
 * Flink's file systems (in application mode that is the JobManager: {@code s3://…}, {@code
 * hdfs://…}, or a ConfigMap mounted as a file), and {@code --set key=value} arguments over it. The
 * pairs stay as written: {@code ${env:NAME}} references are resolved where they are used, so a
 * secret never travels in the job graph.
 */
final class ConfSource {
  private ConfSource() {}

  static Map<String, String> read(Args a) {
    Map<String, String> pairs = new LinkedHashMap<>();
    a.conf().ifPresent(location -> pairs.putAll(readFile(location)));
    pairs.putAll(a.sets());
    return pairs;
  }

  private static Map<String, String> readFile(String location) {
    URI uri = uriOf(location);
    if (uri == null) {
      return ConfigLoader.readUnresolved(Paths.get(location));
    }
    org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(uri);
    try {
      FileSystem fs = path.getFileSystem();
      if (!fs.exists(path)) {
        throw new ConfigException(null, "config file not found: " + location);
      }
      try (InputStream in = fs.open(path)) {
        return ConfigLoader.parse(location, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new ConfigException(
          null, "cannot read config file " + location + ": " + e.getMessage());
    }
  }

  /** A URI with a scheme of two or more letters; anything else (C:\\…, ./x) is a local path. */
  private static URI uriOf(String location) {
    if (!location.matches("[A-Za-z][A-Za-z0-9+.-]+:.*")) {
      return null;
    }
    try {
      return URI.create(location);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(null, "-conf: not a path or a URI: " + location);
    }
  }
}
