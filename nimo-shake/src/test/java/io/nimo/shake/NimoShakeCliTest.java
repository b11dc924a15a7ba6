package io.nimo.shake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class NimoShakeCliTest {

  @Test
  void exitsWithTwoAndNamesTheProblemForAMissingConfFile() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new NimoShakeCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))
            .run(new String[] {"-conf=/nonexistent/nimo-shake.conf"});
    assertThat(code).isEqualTo(NimoShakeCli.CONFIG);
    assertThat(err.toString()).contains("not found").contains("/nonexistent/nimo-shake.conf");
  }
}
