package io.nimo.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.testkit.DynamoLocal;
import io.nimo.core.testkit.TableContents;
import io.nimo.core.testkit.TestItems;
import io.nimo.core.testkit.TestTables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Runs bin/nimo-full-check and bin/nimo-repair from the built tarball, as the PolarDB guide's
 * stages 3 and 4.
 */
class FullCheckLauncherIT {

  @Test
  void checkFindsTheDifferencesRepairFixesThemAndTheNextCheckPasses(
      @TempDir Path unpacked, @TempDir Path work) throws Exception {
    PackagedTool tool = PackagedTool.unpackCore(unpacked);
    try (DynamoLocal source = DynamoLocal.start();
        DynamoLocal target = DynamoLocal.start()) {
      for (DynamoLocal side : new DynamoLocal[] {source, target}) {
        TestTables.createHashOnly(side.client(), "orders", "id", ScalarAttributeType.S);
        TestTables.seed(side.client(), "orders", "id", 500, 11);
      }
      target
          .client()
          .deleteItem(b -> b.tableName("orders").key(Map.of("id", TestItems.s("item-7"))));
      target.client().putItem(b -> b.tableName("orders").item(Map.of("id", TestItems.s("stray"))));
      Map<String, String> v = PackagedTool.localEndpoints(source, target, "local-secret-value");
      Path checkConf = work.resolve("check.conf");
      Files.writeString(
          checkConf,
          tool.shippedConfWith(tool.checkHome(), "nimo-full-check", v),
          StandardCharsets.UTF_8);
      Path repairConf = work.resolve("repair.conf");
      Files.writeString(
          repairConf,
          tool.shippedConfWith(tool.checkHome(), "nimo-repair", v),
          StandardCharsets.UTF_8);
      Path check = tool.checkHome().resolve("bin/nimo-full-check.linux.amd64");
      Path repair = tool.checkHome().resolve("bin/nimo-repair.linux.amd64");

      PackagedTool.Result first = tool.run(check, work, "-conf=" + checkConf);
      assertThat(first.exitCode()).as(first.output()).isEqualTo(1);
      assertThat(first.output())
          .contains("missing=1")
          .contains("extra=1")
          .doesNotContain("local-secret-value");
      Path report = tool.checkHome().resolve("nimo-full-check-diff/orders.jsonl");
      assertThat(Files.readString(report))
          .contains("MISSING")
          .contains("item-7")
          .contains("EXTRA")
          .contains("stray");

      PackagedTool.Result fixed = tool.run(repair, work, "--conf", repairConf.toString());
      assertThat(fixed.exitCode()).as(fixed.output()).isZero();
      assertThat(fixed.output())
          .contains("written=1")
          .contains("deleted=1")
          .contains("unresolved=0");
      assertThat(TableContents.diff(source.client(), target.client(), "orders")).isEmpty();

      PackagedTool.Result again = tool.run(check, work, "-conf=" + checkConf);
      assertThat(again.exitCode()).as(again.output()).isZero();
      assertThat(again.output()).contains("CONSISTENT");
    }
  }
}
