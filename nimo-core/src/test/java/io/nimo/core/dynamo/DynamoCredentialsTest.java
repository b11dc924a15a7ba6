package io.nimo.core.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

class DynamoCredentialsTest {
  private static final String ASSUMED =
      """
      <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
        <AssumeRoleResult>
          <Credentials>
            <AccessKeyId>ASIAASSUMEDKEY</AccessKeyId>
            <SecretAccessKey>assumedSecret</SecretAccessKey>
            <SessionToken>assumedToken</SessionToken>
            <Expiration>2099-01-01T00:00:00Z</Expiration>
          </Credentials>
          <AssumedRoleUser>
            <AssumedRoleId>AROAEXAMPLE:nimo</AssumedRoleId>
            <Arn>arn:aws:sts::123456789012:assumed-role/nimo-reader/nimo</Arn>
          </AssumedRoleUser>
        </AssumeRoleResult>
        <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>
      </AssumeRoleResponse>
      """;

  @Test
  void assumesTheRoleWithTheExternalIdUsingTheStaticKeys() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> auth = new CopyOnWriteArrayList<>();
    HttpServer sts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sts.createContext(
        "/",
        ex -> {
          bodies.add(
              URLDecoder.decode(
                  new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                  StandardCharsets.UTF_8));
          auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
          byte[] out = ASSUMED.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "text/xml");
          ex.sendResponseHeaders(200, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    sts.start();
    try {
      DynamoCredentials c =
          new DynamoCredentials(
              "AKIDBASE",
              "baseSecret",
              "",
              "",
              "arn:aws:iam::123456789012:role/nimo-reader",
              "ext-42");
      URI endpoint = URI.create("http://127.0.0.1:" + sts.getAddress().getPort());

      AwsCredentials resolved = c.provider("cn-north-1", endpoint).resolveCredentials();

      assertThat(resolved.accessKeyId()).isEqualTo("ASIAASSUMEDKEY");
      assertThat(((AwsSessionCredentials) resolved).sessionToken()).isEqualTo("assumedToken");
      assertThat(bodies.get(0))
          .contains("Action=AssumeRole")
          .contains("RoleArn=arn:aws:iam::123456789012:role/nimo-reader")
          .contains("ExternalId=ext-42")
          .contains("RoleSessionName=nimo");
      assertThat(auth.get(0)).contains("Credential=AKIDBASE/");
      assertThat(c.describe())
          .isEqualTo("static keys, then role arn:aws:iam::123456789012:role/nimo-reader");
      assertThat(c.toString()).doesNotContain("baseSecret").doesNotContain("ext-42");
    } finally {
      sts.stop(0);
    }
  }

  @Test
  void readsANamedProfileWhenNoKeysAreGiven(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("credentials");
    Files.writeString(
        file,
        """
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = defaultSecret
        [nimo-source]
        aws_access_key_id = AKIDPROFILE
        aws_secret_access_key = profileSecret
        """);
    String previous = System.setProperty("aws.sharedCredentialsFile", file.toString());
    try {
      DynamoCredentials c = new DynamoCredentials("", "", "", "nimo-source", "", "");
      assertThat(c.provider("").resolveCredentials().accessKeyId()).isEqualTo("AKIDPROFILE");
      assertThat(c.describe()).isEqualTo("profile nimo-source");
    } finally {
      if (previous == null) {
        System.clearProperty("aws.sharedCredentialsFile");
      } else {
        System.setProperty("aws.sharedCredentialsFile", previous);
      }
    }
  }
}
