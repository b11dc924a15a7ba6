package io.nimo.core.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import io.nimo.core.retry.ErrorClass;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

class DynamoErrorClassifierTest {
  private final DynamoErrorClassifier classifier = new DynamoErrorClassifier();

  private static RuntimeException service(int status, String code) {
    return (RuntimeException)
        DynamoDbException.builder()
            .statusCode(status)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
            .build();
  }

  @Test
  void throttlingServerErrorsAndConnectionTroubleAreRetriable() {
    assertThat(classifier.classify(service(400, "ProvisionedThroughputExceededException")))
        .isInstanceOf(ErrorClass.Retriable.class);
    assertThat(classifier.classify(service(400, "ThrottlingException")))
        .isInstanceOf(ErrorClass.Retriable.class);
    assertThat(classifier.classify(service(400, "RequestLimitExceeded")))
        .isInstanceOf(ErrorClass.Retriable.class);
    assertThat(classifier.classify(service(500, "InternalServerError")))
        .isInstanceOf(ErrorClass.Retriable.class);
    assertThat(classifier.classify(service(503, "Whatever")))
        .isInstanceOf(ErrorClass.Retriable.class);
    assertThat(classifier.classify(SdkClientException.create("x", new ConnectException("refused"))))
        .isInstanceOf(ErrorClass.Retriable.class);
  }

  @Test
  void validationMissingTablesAndCredentialsAreFatal() {
    assertThat(classifier.classify(service(400, "ValidationException")))
        .isInstanceOf(ErrorClass.Fatal.class);
    assertThat(classifier.classify(service(400, "UnrecognizedClientException")))
        .isInstanceOf(ErrorClass.Fatal.class);
    assertThat(classifier.classify(ResourceNotFoundException.builder().statusCode(400).build()))
        .isInstanceOf(ErrorClass.Fatal.class);
    assertThat(classifier.classify(new IllegalArgumentException()))
        .isInstanceOf(ErrorClass.Fatal.class);
  }
}
