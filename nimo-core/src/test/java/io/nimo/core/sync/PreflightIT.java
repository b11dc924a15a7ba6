package io.nimo.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.probe.ProbeFailure;
import io.nimo.core.probe.Problem;
import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.MongoLocal;
import io.nimo.core.testkit.PostgresLocal;
import io.nimo.core.testkit.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up pre-flight against real servers and closed ports: each endpoint that cannot be
 * reached or refuses is one failure naming its key, with credentials masked, well within the time
 * an operator waits; endpoints that answer pass.
 */
class PreflightIT {
  private static DynamoLocal dynamo;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    dynamo = DynamoLocal.start();
  }

  @AfterAll
  static void stop() {
    dynamo.close();
  }

  private Map<String, String> conf(Map<String, String> extra) {
    Map<String, String> raw =
        TestConfigs.shakeRaw(dynamo.endpoint(), dynamo.endpoint(), dir.resolve("cp"));
    raw.put("preflight.timeout", "3s");
    raw.putAll(extra);
    return raw;
  }

  private static String closed() {
    return "127.0.0.1:" + DynamoLocal.freePort();
  }

  private List<ProbeFailure> run(Map<String, String> extra, boolean checkpoint) {
    Instant start = Instant.now();
    List<ProbeFailure> f = Preflight.run(TestConfigs.shake(conf(extra)), checkpoint);
    assertThat(Duration.between(start, Instant.now()))
        .as("an operator hears at once, not after minutes of retries")
        .isLessThan(Duration.ofSeconds(20));
    return f;
  }

  @Test
  void everyEndpointThatAnswersPasses() {
    assertThat(run(Map.of(), true)).isEmpty();
  }

  @Test
  void anUnreachableDynamoDbSourceAndTargetAreNamedByTheirKeys() {
    String source = "http://" + closed();
    String target = "http://" + closed();
    List<ProbeFailure> f =
        run(Map.of("source.endpoint_url", source, "target.address", target), false);
    assertThat(f)
        .extracting(ProbeFailure::key)
        .containsExactly("source.endpoint_url", "target.address");
    assertThat(f).allSatisfy(x -> assertThat(x.problem()).isEqualTo(Problem.UNREACHABLE));
    assertThat(f.get(0).getMessage())
        .startsWith("source.endpoint_url = " + source + ": cannot be reached (");
  }

  @Test
  void anUnreachableMongoDbTargetIsNamedWithItsPasswordMasked() {
    String uri = "mongodb://nimo:s3cret-pw@" + closed() + "/?directConnection=true";
    List<ProbeFailure> f =
        run(
            Map.of(
                "target.type", "mongodb",
                "target.address", uri,
                "target.access_key_id", "",
                "target.secret_access_key", "",
                "checkpoint.type", "mongodb",
                "checkpoint.address", ""),
            true);
    // the checkpoint store lives at the target's address: one line, not two
    assertThat(f)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.key()).isEqualTo("target.address");
              assertThat(x.problem()).isEqualTo(Problem.UNREACHABLE);
              assertThat(x.getMessage()).doesNotContain("s3cret-pw").contains("nimo:******@");
            });
  }

  @Test
  void aMongoDbCheckpointStoreThatAnswersPassesAndOneThatDoesNotIsNamed() {
    try (MongoLocal mongo = MongoLocal.start()) {
      assertThat(run(Map.of("checkpoint.type", "mongodb", "checkpoint.address", mongo.uri()), true))
          .isEmpty();
    }
    List<ProbeFailure> f =
        run(
            Map.of(
                "checkpoint.type",
                "mongodb",
                "checkpoint.address",
                "mongodb://" + closed() + "/?directConnection=true"),
            true);
    assertThat(f).extracting(ProbeFailure::key).containsExactly("checkpoint.address");
  }

  @Test
  void postgresqlTargetAndCheckpointUnreachableOrRefusingTheUserAreNamed() {
    String url = "jdbc:postgresql://" + closed() + "/postgres?user=postgres&password=pw-secret";
    List<ProbeFailure> down =
        run(
            Map.of(
                "target.type", "postgresql",
                "target.address", url,
                "target.access_key_id", "",
                "target.secret_access_key", "",
                "checkpoint.type", "postgresql",
                "checkpoint.address", url.replace("/postgres?", "/other?")),
            true);
    assertThat(down)
        .extracting(ProbeFailure::key)
        .containsExactly("target.address", "checkpoint.address");
    assertThat(down)
        .allSatisfy(
            x -> {
              assertThat(x.problem()).isEqualTo(Problem.UNREACHABLE);
              assertThat(x.getMessage()).doesNotContain("pw-secret");
            });
    try (PostgresLocal pg = PostgresLocal.start()) {
      String good = pg.jdbcUrl();
      assertThat(
              run(
                  Map.of(
                      "target.type", "postgresql",
                      "target.address", good,
                      "target.access_key_id", "",
                      "target.secret_access_key", "",
                      "checkpoint.type", "postgresql",
                      "checkpoint.address", ""),
                  true))
          .isEmpty();
      // the account from target.access_key_id (a URL's own user= would take precedence)
      String bare = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres";
      List<ProbeFailure> refused =
          run(
              Map.of(
                  "target.type", "postgresql",
                  "target.address", bare,
                  "target.access_key_id", "nobody_here",
                  "target.secret_access_key", "wrong"),
              false);
      assertThat(refused)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.key()).isEqualTo("target.address");
                assertThat(x.problem()).isEqualTo(Problem.CREDENTIALS_REFUSED);
                assertThat(x.getMessage()).contains("nobody_here");
              });
    }
  }

  @Test
  void aMongoDbTargetThatRefusesTheCredentialsIsNamedWithThePasswordMasked() {
    // mongo-java-server implements no SCRAM handshake, so it refuses every login, as a real
    // server refuses a wrong password
    try (MongoLocal mongo = MongoLocal.start()) {
      String uri = mongo.uri().replace("mongodb://", "mongodb://nimo:wrong-pw-9@");
      List<ProbeFailure> f =
          run(
              Map.of(
                  "target.type", "mongodb",
                  "target.address", uri,
                  "target.access_key_id", "",
                  "target.secret_access_key", ""),
              false);
      assertThat(f)
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.key()).isEqualTo("target.address");
                assertThat(x.problem()).isEqualTo(Problem.CREDENTIALS_REFUSED);
                assertThat(x.getMessage()).doesNotContain("wrong-pw-9").contains("nimo:******@");
              });
    }
  }

  @Test
  void aDynamoDbEndpointThatRefusesTheKeyOrThePermissionIsNamed() throws Exception {
    // DynamoDB Local accepts any key; this endpoint answers as AWS does for a refused one
    try (AwsRefusal badKey = new AwsRefusal("UnrecognizedClientException");
        AwsRefusal denied = new AwsRefusal("AccessDeniedException")) {
      List<ProbeFailure> f =
          run(
              Map.of(
                  "source.endpoint_url", badKey.endpoint(),
                  "source.secret_access_key", "refused-secret-7",
                  "target.address", denied.endpoint()),
              false);
      assertThat(f)
          .extracting(ProbeFailure::key)
          .containsExactly("source.endpoint_url", "target.address");
      assertThat(f.get(0).problem()).isEqualTo(Problem.CREDENTIALS_REFUSED);
      assertThat(f.get(1).problem()).isEqualTo(Problem.PERMISSION_DENIED);
      assertThat(f).allSatisfy(x -> assertThat(x.getMessage()).doesNotContain("refused-secret-7"));
    }
  }

  /** An HTTP endpoint that answers every call with one AWS error, status 400. */
  static final class AwsRefusal implements AutoCloseable {
    private final com.sun.net.httpserver.HttpServer server;

    AwsRefusal(String errorType) throws java.io.IOException {
      server =
          com.sun.net.httpserver.HttpServer.create(
              new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          ex -> {
            byte[] body =
                ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                        + errorType
                        + "\",\"message\":\"refused by the test endpoint\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            ex.getResponseHeaders().add("x-amzn-ErrorType", errorType);
            ex.sendResponseHeaders(400, body.length);
            ex.getResponseBody().write(body);
            ex.close();
          });
      server.start();
    }

    String endpoint() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void aFileCheckpointFolderThatCannotBeCreatedIsNamed() throws Exception {
    Path blocker = dir.resolve("a-file");
    Files.writeString(blocker, "not a folder");
    List<ProbeFailure> f =
        run(Map.of("checkpoint.address", blocker.resolve("cp").toString()), true);
    assertThat(f).extracting(ProbeFailure::key).containsExactly("checkpoint.address");
  }

  @Test
  void aZeroTimeoutSkipsThePreflight() {
    assertThat(
            run(
                Map.of("preflight.timeout", "0s", "source.endpoint_url", "http://" + closed()),
                true))
        .isEmpty();
  }
}
