package io.nimo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.testkit.TestConfigs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessSettingsTest {

  private static Configuration shake(Map<String, String> overrides) {
    Map<String, String> raw =
        TestConfigs.shakeRaw("http://127.0.0.1:1", "http://127.0.0.1:2", Path.of("cp"));
    raw.putAll(overrides);
    return TestConfigs.shake(raw);
  }

  @Test
  void checkpointUsesItsOwnAddressWithoutTheTargetsAccount() {
    CheckpointAccess a =
        CheckpointAccess.from(
            shake(
                Map.of(
                    "checkpoint.type", "postgresql",
                    "checkpoint.address", "jdbc:postgresql://cp-host/db?user=u")));

    CheckpointAccess.Location at = a.location(address -> address.startsWith("jdbc:"));

    assertThat(at.key()).isEqualTo("checkpoint.address");
    assertThat(at.address()).isEqualTo("jdbc:postgresql://cp-host/db?user=u");
    assertThat(at.user()).isEmpty();
    assertThat(at.secret()).isEmpty();
  }

  @Test
  void checkpointWithoutAnAddressOfItsKindLivesInTheTargetWithTheTargetsAccount() {
    CheckpointAccess a =
        CheckpointAccess.from(
            shake(
                Map.of(
                    "checkpoint.type", "postgresql",
                    "target.type", "postgresql",
                    "target.address", "jdbc:postgresql://target/db",
                    "target.access_key_id", "owner",
                    "target.secret_access_key", "pw")));

    CheckpointAccess.Location at = a.location(address -> address.startsWith("jdbc:"));

    assertThat(at.key()).isEqualTo("target.address");
    assertThat(at.address()).isEqualTo("jdbc:postgresql://target/db");
    assertThat(at.user()).isEqualTo("owner");
    assertThat(at.secret()).isEqualTo("pw");
    assertThat(at.toString()).doesNotContain("pw");
  }

  @Test
  void checkpointNameIsTheJobsUnlessCheckpointDbIsSet() {
    assertThat(CheckpointAccess.from(shake(Map.of("id", "orders"))).name())
        .isEqualTo("orders-checkpoint");
    assertThat(CheckpointAccess.from(shake(Map.of("id", "orders", "checkpoint.db", "ckpt"))).name())
        .isEqualTo("ckpt");
  }

  @Test
  void aToolWithoutCheckpointKeysHasNoCheckpointAccess() {
    Configuration check =
        Configuration.of(
            CheckOptions.CHECK,
            Map.of("source.endpoint_url", "http://127.0.0.1:1", "target.address", "http://x:2"));

    assertThat(CheckpointAccess.of(check)).isEmpty();
    assertThatThrownBy(() -> CheckpointAccess.from(check))
        .hasMessageContaining("declares no checkpoint");
  }

  @Test
  void targetAccessNeverPrintsTheSecretOrUrlCredentials() {
    TargetAccess t =
        TargetAccess.from(
            shake(
                Map.of(
                    "target.type", "mongodb",
                    "target.address", "mongodb://admin:hunter2@db:27017",
                    "target.secret_access_key", "s3cr3t-key")));

    assertThat(t.secret()).isEqualTo("s3cr3t-key");
    assertThat(t.toString())
        .contains("type=mongodb", "db:27017")
        .doesNotContain("hunter2")
        .doesNotContain("s3cr3t-key");
  }

  @Test
  void writersDefaultToTheTargetsOwnAndSizeThePools() {
    Concurrency defaulted =
        Concurrency.from(shake(Map.of("full.concurrency", "3", "increase.concurrency", "5")));
    Concurrency set =
        Concurrency.from(shake(Map.of("full.concurrency", "3", "full.document.concurrency", "2")));

    assertThat(defaulted.writers(16)).isEqualTo(16);
    assertThat(defaulted.fullSyncWriters(16)).isEqualTo(48);
    assertThat(defaulted.shardReaders()).isEqualTo(5);
    assertThat(set.writers(16)).isEqualTo(2);
    assertThat(set.fullSyncWriters(16)).isEqualTo(6);
  }
}
