package io.nimo.backsync.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code --configfilename} (default {@code application.yaml}): the path as given, then the
 * managed Flink's folder of additional dependency files ({@code /flink/usrlib}), then the job jar's
 * classpath.
 */
public final class ConfigLocator {
  /** The default file name, as the guide has it. */
  public static final String DEFAULT_NAME = "application.yaml";

  private static final Path USRLIB = Paths.get("/flink/usrlib");

  private ConfigLocator() {}

  /**
   * Loads and validates the options named by the arguments.
   *
   * @param args the main arguments
   * @return the options
   */
  public static BackSyncOptions load(MainArgs args) {
    String name = args.get("configfilename").isEmpty() ? DEFAULT_NAME : args.get("configfilename");
    List<String> tried = new ArrayList<>();
    for (Path p : List.of(Paths.get(name), USRLIB.resolve(Paths.get(name).getFileName()))) {
      tried.add(p.toAbsolutePath().toString());
      if (Files.isRegularFile(p)) {
        return BackSyncOptions.of(YamlConfigReader.read(p), args);
      }
    }
    tried.add("classpath:" + name);
    try (InputStream in = ConfigLocator.class.getClassLoader().getResourceAsStream(name)) {
      if (in != null) {
        return BackSyncOptions.of(YamlConfigReader.read(in, name), args);
      }
    } catch (IOException e) {
      throw new BackSyncConfigException("cannot read " + name + ": " + e.getMessage());
    }
    throw new BackSyncConfigException("config file " + name + " not found; looked in " + tried);
  }
}
