package io.nimo.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.checkpoint.CheckpointStoreProvider;
import io.nimo.core.config.ShakeOptions;
import io.nimo.core.config.TargetAccessOptions;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The docs of the type keys (shipped in the conf files and --help) name every type the build
 * registers, so a new target or checkpoint store cannot ship undocumented.
 */
class ProviderDocsTest {

  @Test
  void everyRegisteredTargetTypeIsNamedInTheTargetTypeDoc() {
    int found = 0;
    for (TargetProvider p : ServiceLoader.load(TargetProvider.class)) {
      if (shipped(p)) {
        assertThat(TargetAccessOptions.TARGET_TYPE.doc()).as("target.type doc").contains(p.type());
        p.aliases()
            .forEach(
                a -> assertThat(TargetAccessOptions.TARGET_TYPE.doc()).as("alias").contains(a));
        found++;
      }
    }
    assertThat(found).isGreaterThanOrEqualTo(3);
  }

  @Test
  void everyRegisteredCheckpointTypeIsNamedInTheCheckpointTypeDoc() {
    int found = 0;
    for (CheckpointStoreProvider p : ServiceLoader.load(CheckpointStoreProvider.class)) {
      if (!shipped(p)) {
        continue;
      }
      assertThat(ShakeOptions.CHECKPOINT_TYPE.doc()).as("checkpoint.type doc").contains(p.type());
      found++;
    }
    assertThat(found).isGreaterThanOrEqualTo(4);
  }

  /** The test classpath also registers the embedding example's target; it is not shipped. */
  private static boolean shipped(Object provider) {
    return !provider.getClass().getPackageName().startsWith("io.nimo.core.example");
  }
}
