package io.nimo.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The job's command line: the launcher's forms accepted, mistakes refused naming the argument. */
class ArgsTest {

  @Test
  void acceptsTheLauncherAndClusterForms() {
    Args embedded = Args.parse(new String[] {"-conf=/c.conf", "--parallelism", "4", "--embedded"});
    assertThat(embedded.embedded()).isTrue();
    assertThat(embedded.parallelism()).isEqualTo(4);
    Args cluster =
        Args.parse(
            new String[] {"--conf", "/c.conf", "--cluster=jm:8081", "--from-savepoint", "/s"});
    assertThat(cluster.cluster()).contains("jm:8081");
    assertThat(cluster.fromSavepoint()).contains("/s");
    assertThat(cluster.embedded()).isFalse();
  }

  @Test
  void takesTheConfFromAUriOrFromSetPairsAlone() {
    Args uri = Args.parse(new String[] {"-conf=s3://bucket/nimo-shake.conf"});
    assertThat(uri.conf()).contains("s3://bucket/nimo-shake.conf");
    Args pairs =
        Args.parse(new String[] {"--set", "source.endpoint_url=http://a:1", "--set=sync_mode=all"});
    assertThat(pairs.conf()).isEmpty();
    assertThat(pairs.sets())
        .containsEntry("source.endpoint_url", "http://a:1")
        .containsEntry("sync_mode", "all");
  }

  @Test
  void refusesMistakesNamingTheArgument() {
    assertThatThrownBy(() -> Args.parse(new String[] {"--set", "novalue"}))
        .hasMessageContaining("key=value");
    assertThatThrownBy(() -> Args.parse(new String[] {"--set", "a=1", "--set", "a=2"}))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> Args.parse(new String[] {"--parallelism", "4"}))
        .hasMessageContaining("-conf");
    assertThatThrownBy(() -> Args.parse(new String[] {"-conf=c", "--parallelism", "many"}))
        .hasMessageContaining("'many'");
    assertThatThrownBy(() -> Args.parse(new String[] {"-conf=c", "--parallelism=0"}))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> Args.parse(new String[] {"-conf=c", "--cluster", "jm"}))
        .hasMessageContaining("HOST:PORT");
    assertThatThrownBy(() -> Args.parse(new String[] {"-conf=c", "--cluster=a:1", "--embedded"}))
        .hasMessageContaining("exclude");
    assertThatThrownBy(() -> Args.parse(new String[] {"-conf=c", "--bogus"}))
        .hasMessageContaining("--bogus");
    assertThatThrownBy(() -> Args.parse(new String[] {"-conf=c", "--state"}))
        .hasMessageContaining("needs a value");
  }
}
