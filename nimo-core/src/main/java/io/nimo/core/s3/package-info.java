/**
 * S3 behind a seam of our own: {@link io.nimo.core.s3.ObjectStore} (read, list, exists) and its AWS
 * SDK adapter {@link io.nimo.core.s3.S3ObjectStore}, path-style when an S3-compatible endpoint is
 * set. No SDK type or exception leaves this package.
 */
package io.nimo.core.s3;
