package io.nimo.shake;

import io.nimo.core.config.Configuration;
import io.nimo.core.config.ShakeOptions;
import java.nio.file.Path;

/**
 * Where nimo-shake's pid lock lives: {@code pid_path/<id>.pid}, the working folder when {@code
 * pid_path} is empty. Two runs of one job id cannot hold it at once.
 *
 * @param path the lock file
 */
record PidFile(Path path) {
  static PidFile from(Configuration c) {
    String dir = c.get(ShakeOptions.PID_PATH);
    return new PidFile(
        (dir.isBlank() ? Path.of(".") : Path.of(dir)).resolve(c.get(ShakeOptions.ID) + ".pid"));
  }
}
