// Package cloudblobs stores attachment blobs in a gocloud.dev/blob bucket, so S3,
// OSS-compatible stores (through the S3 API), Google Cloud Storage, Azure Blob Storage
// and local directories (fileblob) work without new code: open the bucket with the
// driver and URL of your choice and pass it to [New].
//
// Puts are conditional (IfNotExist), so a blob is never replaced where the provider
// supports conditional writes; within one process, Puts of one key are also serialised,
// so drivers whose condition is not atomic (fileblob) still let exactly one win. A Put
// whose reader fails or whose context ends aborts the upload, leaving nothing.
//
// It must not import package voucher.
package cloudblobs
