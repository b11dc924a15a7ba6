package io.nimo.core.testkit;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (S3Proxy over an in-memory blob store) in its own JVM on a free
 * loopback port, started from the class path the {@code s3-lib} module resolves (so its Jetty and
 * jclouds never meet the tests' libraries). Any credentials are accepted.
 */
public final class S3Local implements AutoCloseable {
  private static final Path LIB = Path.of("../s3-lib/target/s3-lib");

  private final Process process;
  private final int port;
  private S3Client client;

  private S3Local(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a server and waits until it accepts connections. */
  public static S3Local start() {
    if (!Files.isDirectory(LIB)) {
      throw new IllegalStateException(
          LIB.toAbsolutePath() + " is missing: the s3-lib module builds it (mvn install)");
    }
    int port = DynamoLocal.freePort();
    try {
      Path dir = Files.createTempDirectory("s3local");
      Path props =
          Files.writeString(
              dir.resolve("s3proxy.conf"),
              String.join(
                  "\n",
                  "s3proxy.endpoint=http://127.0.0.1:" + port,
                  "s3proxy.authorization=none",
                  "s3proxy.ignore-unknown-headers=true",
                  "jclouds.provider=transient",
                  "jclouds.identity=test",
                  "jclouds.credential=test",
                  ""));
      Process p =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-Xmx256m",
                      "-cp",
                      LIB.toAbsolutePath() + File.separator + "*",
                      "org.gaul.s3proxy.Main",
                      "--properties",
                      props.toString()))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("s3proxy.log").toFile())
              .start();
      S3Local s3 = new S3Local(p, port);
      Await.until("S3Proxy on port " + port, Duration.ofSeconds(60), s3::accepting);
      return s3;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start S3Proxy on port " + port, e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean accepting() {
    if (!process.isAlive()) {
      throw new IllegalStateException("S3Proxy exited with " + process.exitValue());
    }
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** A shared client (path-style, checksums only where S3 requires them). */
  public synchronized S3Client client() {
    if (client == null) {
      client = client(endpoint());
    }
    return client;
  }

  /** An S3 client of an S3-compatible endpoint with test credentials (the caller closes it). */
  public static S3Client client(String endpoint) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  /** Creates a bucket. */
  public void bucket(String name) {
    client().createBucket(b -> b.bucket(name));
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
