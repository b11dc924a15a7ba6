package io.nimo.shake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI is a thin wrapper over nimo-core's public API, and so is the embedding example: neither
 * may import the implementation packages (scanner, stream reader internals, built-in targets and
 * stores), which embedders reach only through ServiceLoader names and the builder.
 */
class PublicApiOnlyTest {
  /** Packages an embedder programs against. */
  static final Set<String> PUBLIC_API = Set.of("io.nimo.core.config", "io.nimo.core.sync", "io.nimo.core.metrics",
      "io.nimo.core.target", "io.nimo.core.checkpoint", "io.nimo.core.item", "io.nimo.core.check");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(io\\.nimo\\.core\\.[a-z.]+)\\.[A-Z]", Pattern.MULTILINE);

  @Test
  void cliImportsOnlyThePublicApi() throws IOException {
    assertThat(internalImports(Path.of("src/main/java"))).isEmpty();
  }

  @Test
  void checkAndRepairCliImportOnlyThePublicApi() throws IOException {
    Path cli = Path.of("..", "nimo-full-check", "src", "main", "java");
    assertThat(cli).isDirectory();
    assertThat(internalImports(cli)).isEmpty();
  }

  @Test
  void embeddingExampleImportsOnlyThePublicApiAndTheTestKit() throws IOException {
    Path example = Path.of("..", "nimo-core", "src", "test", "java", "io", "nimo", "core", "example");
    assertThat(example).isDirectory();
    assertThat(internalImports(example)).isEmpty();
  }

  private static List<String> internalImports(Path root) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          String pkg = m.group(1);
          if (!PUBLIC_API.contains(pkg) && !pkg.equals("io.nimo.core.testkit")) {
            found.add(f.getFileName() + " imports " + pkg);
          }
        }
      }
    }
    return found;
  }
}
