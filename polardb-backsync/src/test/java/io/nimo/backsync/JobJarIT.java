package io.nimo.backsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The shaded job jar deploys on the guide's {@code vvr-11.3-jdk11-flink-1.20} engine: every class a
 * Java 11 JVM loads from it is class version 55 or lower, the entry class is the guide's, and Flink
 * itself is not inside (the cluster provides it).
 */
class JobJarIT {
  private static final Path JAR = Paths.get("target", "PolarDBBackSync.jar");
  private static final Pattern VERSIONED = Pattern.compile("META-INF/versions/(\\d+)/.*");

  @Test
  void everyClassAJava11JvmLoadsIsJava11OrOlder() throws IOException {
    assertThat(JAR).exists();
    List<String> tooNew = new ArrayList<>();
    int classes = 0;
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String name = entry.getName();
        if (!name.endsWith(".class")) {
          continue;
        }
        Matcher m = VERSIONED.matcher(name);
        if (m.matches() && Integer.parseInt(m.group(1)) > 11) {
          continue; // a Java 11 JVM never reads these
        }
        classes++;
        try (InputStream in = jar.getInputStream(entry)) {
          DataInputStream data = new DataInputStream(in);
          data.readInt(); // magic
          data.readUnsignedShort(); // minor
          int major = data.readUnsignedShort();
          if (major > 55) {
            tooNew.add(name + " (class version " + major + ")");
          }
        }
      }
    }
    assertThat(classes).isGreaterThan(1000);
    assertThat(tooNew).as("classes a Java 11 JVM cannot load").isEmpty();
  }

  @Test
  void runsTheGuidesEntryClassAndLeavesFlinkToTheCluster() throws IOException {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("org.example.PolarDBCdcJob");
      assertThat(jar.getEntry("org/example/PolarDBCdcJob.class")).isNotNull();
      assertThat(jar.getEntry("io/nimo/backsync/BackSyncJob.class")).isNotNull();
      assertThat(
              jar.getEntry(
                  "org/apache/flink/cdc/connectors/postgres/source/PostgresSourceBuilder.class"))
          .isNotNull();
      assertThat(jar.getEntry("software/amazon/awssdk/services/dynamodb/DynamoDbClient.class"))
          .isNotNull();
      assertThat(
              jar.getEntry(
                  "org/apache/flink/streaming/api/environment/StreamExecutionEnvironment.class"))
          .as("Flink itself must be provided by the cluster")
          .isNull();
      assertThat(jar.getEntry("application.yaml"))
          .as("the user's config is never baked in")
          .isNull();
    }
    assertThat(Files.size(JAR)).isLessThan(150L * 1024 * 1024);
  }
}
