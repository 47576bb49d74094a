// Package attachment checks uploaded files against the upload slots of the voucher forms
// and stores the accepted ones in a blob store.
//
// # Slots
//
// A [Slot] names one upload field of a form, its size limit and the file types it takes.
// [DefaultSlots] returns the seven slots of the user manual (organisation certificate,
// application attachment, invoice scan, contract scan, service result proof, project
// summary, bank receipt); a policy may supply its own [Slots].
//
// # Checking
//
// [Checker.Check] streams an upload through io.LimitReader(r, limit+1), so it never reads
// more than one byte past the slot limit, and checks it:
//
//   - the file name is metadata only ([SanitizeName]); the file is stored under a generated ID;
//   - the extension must be one the slot allows and must agree with the magic bytes at offset 0;
//   - JPEG and PNG images are decoded with a pixel cap and re-encoded, which drops EXIF, GPS
//     and anything appended; the re-encoded bytes are what is stored;
//   - PDF files are refused when they carry active content (/JavaScript, /JS, /AA, /Launch,
//     /EmbeddedFile, /EF, /XFA, /RichMedia, an /OpenAction that does more than show a page)
//     or encryption, or lack %%EOF in their last KiB. Names are compared after #xx escapes
//     are decoded; object streams are inflated (bounded) and inspected too, and long names
//     are also sought inside stream data, where a reader following the cross-reference
//     table could find them;
//   - DOCX files are opened as a bounded ZIP (entries, total size, ratio, paths, symlinks,
//     macros) and external relationship targets are flagged;
//   - DOC files must be OLE compound files without a VBA project.
//
// A refusal is a *cxq.FieldError matching cxq.ErrInvalid, with a stable code ([CodeTooLarge],
// [CodeTypeNotAllowed], [CodeTypeMismatch], [CodeUnsafe], [CodeUnreadable], ...), parameters
// and Chinese and English messages. Nothing is stored for a refused file.
//
// [CheckDuplicates] reports one file (by SHA-256) used for two different invoices or contracts.
//
// # Storage
//
// [Blobs] is the small interface every blob store implements (put, open, stat, delete).
// [MemoryBlobs] keeps blobs in memory; package fsblobs stores them in a directory through
// os.Root; package cloudblobs stores them in any gocloud.dev/blob bucket (S3, OSS-compatible,
// GCS, Azure). Package blobstest is the conformance suite every driver runs.
//
// This package does no I/O of its own beyond the readers and stores it is given, reads no
// clock and holds no globals. It must not import package voucher (voucher imports it),
// net/http or database/sql.
package attachment
