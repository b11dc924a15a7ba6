package io.nimo.core.dynamo;

import io.nimo.core.probe.Problem;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Reads what the SDK threw at a start-up probe of a DynamoDB-API endpoint. */
public final class DynamoProbeClassifier {
  private static final Set<String> CREDENTIALS =
      Set.of(
          "UnrecognizedClientException",
          "InvalidSignatureException",
          "IncompleteSignatureException",
          "MissingAuthenticationTokenException",
          "MissingAuthenticationToken",
          "InvalidClientTokenId",
          "ExpiredTokenException",
          "ExpiredToken");

  private DynamoProbeClassifier() {}

  /**
   * The problem behind an exception.
   *
   * @param e what the probe threw
   * @return the problem
   */
  public static Problem problem(Throwable e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      String code = String.valueOf(s.awsErrorDetails().errorCode());
      if (CREDENTIALS.contains(code)) {
        return Problem.CREDENTIALS_REFUSED;
      }
      if (code.startsWith("AccessDenied") || s.statusCode() == 403) {
        return Problem.PERMISSION_DENIED;
      }
      return Problem.ERROR;
    }
    if (e instanceof SdkClientException
        && String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
      return Problem.NO_CREDENTIALS;
    }
    return Problem.UNREACHABLE;
  }
}
