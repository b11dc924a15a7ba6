/**
 * A table's bulk copy from a DynamoDB export to S3 instead of a Scan: finding (or requesting) the
 * export, its manifests, its data files in DYNAMODB_JSON or ION checked against their MD5 and item
 * counts, and the files as the full sync's segments. S3 is behind {@link
 * io.nimo.core.s3.ObjectStore}, the export API behind {@link io.nimo.core.dynamo.ExportApi}.
 */
package io.nimo.core.source.export;
