package io.nimo.core.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.probe.Problem;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class DynamoProbeClassifierTest {
  private static DynamoDbException service(String code, int status) {
    return (DynamoDbException)
        DynamoDbException.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build())
            .build();
  }

  @Test
  void refusedCredentialsAreToldApartFromMissingPermissionsAndOtherErrors() {
    assertThat(DynamoProbeClassifier.problem(service("UnrecognizedClientException", 400)))
        .isEqualTo(Problem.CREDENTIALS_REFUSED);
    assertThat(DynamoProbeClassifier.problem(service("InvalidSignatureException", 400)))
        .isEqualTo(Problem.CREDENTIALS_REFUSED);
    assertThat(DynamoProbeClassifier.problem(service("AccessDeniedException", 400)))
        .isEqualTo(Problem.PERMISSION_DENIED);
    assertThat(DynamoProbeClassifier.problem(service("InternalServerError", 500)))
        .isEqualTo(Problem.ERROR);
  }

  @Test
  void noAnswerIsUnreachableAndNoCredentialsFoundIsSaidSo() {
    assertThat(
            DynamoProbeClassifier.problem(
                SdkClientException.create(
                    "Unable to execute HTTP request", new ConnectException())))
        .isEqualTo(Problem.UNREACHABLE);
    assertThat(
            DynamoProbeClassifier.problem(
                SdkClientException.create("Unable to load credentials from any of the providers")))
        .isEqualTo(Problem.NO_CREDENTIALS);
  }
}
