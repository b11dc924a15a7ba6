package io.nimo.core.s3;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link ObjectStore} on AWS's S3, or on an S3-compatible endpoint addressed path-style. */
public final class S3ObjectStore implements ObjectStore {
  private final S3Client s3;

  private S3ObjectStore(S3Client s3) {
    this.s3 = s3;
  }

  /**
   * A store over an SDK client; nothing is called until the first request.
   *
   * @param region the bucket's region
   * @param endpoint an S3-compatible endpoint, or empty for AWS
   * @param credentials where the credentials come from
   * @return the store
   */
  public static S3ObjectStore open(
      String region, String endpoint, AwsCredentialsProvider credentials) {
    S3ClientBuilder b =
        S3Client.builder()
            .httpClientBuilder(ApacheHttpClient.builder().maxConnections(64))
            .credentialsProvider(credentials);
    if (!region.isBlank()) {
      b.region(Region.of(region));
    }
    if (!endpoint.isBlank()) {
      // S3-compatible stores: path-style keys, and checksums only where S3 itself demands them
      b.endpointOverride(URI.create(endpoint))
          .forcePathStyle(true)
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
      if (region.isBlank()) {
        b.region(Region.US_EAST_1);
      }
    }
    return new S3ObjectStore(b.build());
  }

  @Override
  public InputStream open(String bucket, String key) {
    try {
      return s3.getObject(r -> r.bucket(bucket).key(key));
    } catch (NoSuchKeyException | NoSuchBucketException e) {
      throw new ObjectMissingException(bucket, key);
    }
  }

  @Override
  public boolean exists(String bucket, String key) {
    try {
      s3.headObject(r -> r.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public List<String> folders(String bucket, String prefix) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Request.Builder req =
          ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).delimiter("/");
      if (token != null) {
        req.continuationToken(token);
      }
      ListObjectsV2Response page;
      try {
        page = s3.listObjectsV2(req.build());
      } catch (NoSuchBucketException e) {
        throw new ObjectMissingException(bucket, prefix);
      }
      page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(out::add);
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return out;
  }

  @Override
  public void close() {
    s3.close();
  }
}
