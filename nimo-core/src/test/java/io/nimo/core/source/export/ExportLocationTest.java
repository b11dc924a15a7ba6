package io.nimo.core.source.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nimo.core.config.ConfigException;
import org.junit.jupiter.api.Test;

/** full.export.s3_uri: a prefix, an export's folder or its summary; anything else refused. */
class ExportLocationTest {

  @Test
  void tellsAPrefixFromOneExport() {
    ExportLocation prefix = ExportLocation.parse("s3://bkt/exports/prod/");
    assertThat(prefix).isEqualTo(new ExportLocation("bkt", "exports/prod", false));
    assertThat(prefix.tablePrefix("orders")).isEqualTo("exports/prod/orders");
    assertThat(ExportLocation.parse("s3://bkt").tablePrefix("orders")).isEqualTo("orders");

    assertThat(ExportLocation.parse("s3://bkt/AWSDynamoDB/01768385930622-efd1a093/"))
        .isEqualTo(new ExportLocation("bkt", "AWSDynamoDB/01768385930622-efd1a093", true));
    assertThat(
            ExportLocation.parse(
                "s3://bkt/p/AWSDynamoDB/01768385930622-efd1a093/manifest-summary.json"))
        .isEqualTo(new ExportLocation("bkt", "p/AWSDynamoDB/01768385930622-efd1a093", true));
  }

  @Test
  void refusesWhatIsNotAnS3UriNamingTheKey() {
    for (String bad : new String[] {"", "bkt/prefix", "https://bkt.s3.amazonaws.com/x", "s3://"}) {
      assertThatThrownBy(() -> ExportLocation.parse(bad))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("full.export.s3_uri");
    }
  }
}
