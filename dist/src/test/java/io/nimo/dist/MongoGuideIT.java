package io.nimo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.LiveWriter;
import io.nimo.core.testkit.MongoLocal;
import io.nimo.core.testkit.ShardingRecorder;
import io.nimo.core.testkit.TestTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The MongoDB guide on the tarball: a nimo-shake.conf written with the guide's keys (target.type =
 * mongodb, sharding, target.mongodb.exist, http_profile, system_profile, checkpoint.type =
 * mongodb), a full + incremental run with a live writer, SIGKILL and a resumed run from the MongoDB
 * checkpoint, then nimo-full-check against MongoDB.
 */
class MongoGuideIT {

  @Test
  void followsTheMongoGuideAndResumesAfterSigkill(@TempDir Path unpacked, @TempDir Path work)
      throws Exception {
    PackagedTool tool = PackagedTool.unpackCore(unpacked);
    ShardingRecorder sharding = new ShardingRecorder();
    try (DynamoLocal source = DynamoLocal.start();
        MongoLocal mongo = MongoLocal.start(sharding)) {
      TestTables.createHashOnly(source.client(), "c1-orders", "id", ScalarAttributeType.S);
      TestTables.seed(source.client(), "c1-orders", "id", 2_000, 9);
      String conf =
          """
          id = nimo-shake
          log.file = nimo-shake.log
          log.level = info
          log.buffer = true
          system_profile = %d
          http_profile = %d
          sync_mode = all
          source.access_key_id = AKIDLOCAL
          source.secret_access_key = guideSecretValue
          source.session_token =
          source.region = us-east-2
          source.endpoint_url = %s
          source.session.max_retries = 3
          source.session.timeout = 3000
          filter.collection.white = c1-orders
          qps.full = 1000
          qps.full.batch_num = 128
          qps.incr = 1000
          qps.incr.batch_num = 128
          target.type = mongodb
          target.mongodb.type = sharding
          target.address = %s
          target.mongodb.exist = drop
          full.concurrency = 4
          full.document.concurrency = 4
          full.document.parser = 2
          full.enable_index.user = true
          full.executor.insert_on_dup_update = true
          increase.executor.insert_on_dup_update = true
          increase.executor.upsert = true
          convert.type = exact
          increase.concurrency = 16
          checkpoint.type = mongodb
          checkpoint.address =
          checkpoint.db = nimoshake-checkpoint
          full_sync.http_port = 0
          checkpoint.interval = 200ms
          """
              .formatted(
                  DynamoLocal.freePort(), DynamoLocal.freePort(), source.endpoint(), mongo.uri());
      // the guide's own steps in NimoShake/nimo-shake: vi nimo-shake.conf, then
      // ./nimo-shake.linux -conf=nimo-shake.conf (the original's names, shipped beside bin/)
      Path confFile = tool.shakeHome().resolve("nimo-shake.conf");
      assertThat(Files.readString(confFile))
          .isEqualTo(Files.readString(tool.shakeHome().resolve("conf/nimo-shake.conf")));
      Files.writeString(confFile, conf);
      Path out = work.resolve("run1.out");
      Process first =
          tool.start(
              tool.shakeHome().resolve("nimo-shake.linux"),
              tool.shakeHome(),
              out,
              "-conf=nimo-shake.conf");
      Path log = tool.shakeHome().resolve("logs/nimo-shake.log");
      PackagedTool.awaitLog(log, "full sync done!", first.toHandle());
      LiveWriter writer = new LiveWriter(source.newClient(), "c1-orders", 2_000, 30).start();
      writer.awaitMore(45); // changes while the stream is followed
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      writer.awaitMore(30); // changes while nimo-shake is down
      writer.stop();

      Process second =
          tool.start(tool.shakeHome(), work.resolve("run2.out"), "-conf=nimo-shake.conf");
      PackagedTool.awaitLog(log, "start incr sync", second.toHandle());
      Path checkConf = tool.checkHome().resolve("conf/nimo-full-check.conf");
      Files.writeString(
          checkConf, conf + "\ndiff_output_file = nimo-full-check-diff\nrecheck_after = 3s\n");
      Path check = tool.checkHome().resolve("bin/nimo-full-check.linux.amd64");
      PackagedTool.Result result = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (System.nanoTime() < deadline) {
        result = tool.run(check, tool.checkHome(), "-conf=./conf/nimo-full-check.conf");
        if (result.exitCode() == 0) {
          break;
        }
      }
      assertThat(result.exitCode()).as(result.output()).isZero();
      assertThat(result.output())
          .contains("nimo-full-check summary: CONSISTENT")
          .contains("checked=2");
      second.destroy();
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isZero();
      assertThat(Files.readString(log))
          .contains("nimoshake-checkpoint: phase 'incr_sync'")
          .doesNotContain("guideSecretValue");
      assertThat(sharding.commands).contains("enableSharding nimo-shake");
      assertThat(
              mongo
                  .client()
                  .getDatabase("nimoshake-checkpoint")
                  .listCollectionNames()
                  .into(new java.util.ArrayList<>()))
          .contains("status_table", "incr.c1-orders");
    }
  }
}
