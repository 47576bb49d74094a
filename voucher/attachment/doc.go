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
// [Checker.CheckContext] (and [Checker.Check], without a deadline) streams an upload
// through io.LimitReader(r, limit+1), so it never reads more than one byte past the slot
// limit, and checks it:
//
//   - the file name is metadata only ([SanitizeName]); the file is stored under a generated ID;
//   - the extension must be one the slot allows and must agree with the magic bytes at offset 0;
//   - JPEG and PNG images are decoded within a budget and re-encoded, which drops EXIF,
//     GPS and anything appended; the re-encoded bytes are what is stored. The budget is
//     checked on the headers before any pixel is decoded: width × height within
//     [Options.MaxPixels]; the memory the decoder will allocate (pixels × bytes per pixel,
//     twice for an interlaced PNG, four more bytes a sample for a progressive JPEG's
//     coefficients) within [Options.MaxDecodeBytes]; a JPEG's scans within
//     [Options.MaxScans] and, all together, walking at most 16 × MaxPixels pixels. During
//     decoding the input is read through the caller's context, so a deadline stops it,
//     and the re-encoded output stops as soon as it passes the slot limit;
//   - PDF files are parsed as an object graph, not scanned for tokens: the
//     cross-reference data is followed from startxref (tables and streams, /Prev and
//     /XRefStm), every "n g obj" in the file is parsed as well, as a repairing reader
//     would find it (inside stream data and after the last %%EOF included), and object
//     streams are decoded through their filter chains (Flate, ASCIIHex, ASCII85,
//     RunLength; at most four filters, 32 MiB in all, a ratio of 100) whether or not they
//     say /Type /ObjStm. Every dictionary found is judged: JavaScript anywhere, additional
//     actions (/AA), the actions Launch, GoToR, GoToE, SubmitForm, ImportData, Rendition,
//     RichMediaExecute and URI (unless the slot sets [Slot.AllowLinks], when each link is a
//     [FlagLink]), rich media, 3D, file attachments, embedded files (/EF), XFA and
//     encryption refuse the file. Page destinations, same-document GoTo (also as
//     /OpenAction) and an empty /EmbeddedFiles tree are accepted. A file whose trailer
//     names no catalog is unreadable, whatever its first bytes say. Parsing is bounded by
//     a budget of 16 bytes examined per input byte ([ReasonBudget] beyond it);
//   - DOCX files are opened as a bounded ZIP (entries, total size, ratio, paths, symlinks,
//     macros) and judged by their parts and relationships: external relationship targets
//     are flagged ([FlagExternalTarget]); embedded OLE objects (oleObject relationships,
//     word/embeddings/*.bin), ActiveX controls (control relationships, word/activeX/)
//     and DDE or DDEAUTO fields (w:instrText across runs, w:fldSimple, entities and CDATA
//     decoded, in every word/*.xml part) are refused, or flagged ([FlagEmbeddedObject],
//     [FlagActiveX], [FlagDDE]) when the slot sets [Slot.FlagObjects];
//   - DOC files are parsed as compound files (github.com/richardlehane/mscfb) and judged
//     by their directory, whose names compare case-insensitively: the root must hold a
//     Word 97–2003 WordDocument stream ([ReasonLayout] for an installer package, a
//     workbook or anything else); macro storages (Macros, VBA, _VBA_PROJECT…), encryption
//     (the FIB's fEncrypted or fObfuscated bit, EncryptionInfo streams) refuse the file;
//     embedded OLE objects (ObjectPool, Ole10Native) are refused, or flagged
//     ([FlagEmbeddedObject]) when the slot sets [Slot.FlagObjects].
//
// A refusal is a *cxq.FieldError matching cxq.ErrInvalid, with a stable code ([CodeTooLarge],
// [CodeTypeNotAllowed], [CodeTypeMismatch], [CodeUnsafe], [CodeUnreadable], ...), parameters
// and Chinese and English messages. Nothing is stored for a refused file.
//
// # Budgets, memory and concurrency
//
// Every parser has a work budget, checked before and while it works, so that no file
// makes a check slow or large: images by [Options.MaxPixels], [Options.MaxDecodeBytes]
// and [Options.MaxScans], computed from the headers before decoding; PDFs by 16 bytes
// examined per input byte (8 per decoded byte), at most 250,000 objects, nesting of 32
// and 32 MiB of decoded object streams; DOCX by its entry count, sizes and ratios and a
// one-pass field scanner; DOC by header sector counts bounded by the file's size before
// the compound-file reader sizes anything from them. A file over a budget is refused
// with [ReasonBudget] (or [ReasonBomb], [ReasonPixels]).
//
// Memory: a check holds the upload (at most the slot limit), and on top of it at most
// MaxDecodeBytes for an image plus its re-encoded output (at most the limit again), or
// 32 MiB of decoded object streams and parse state for a PDF; DOCX and DOC parts are
// streamed. With the defaults the bound is 128 MiB + 2 × the slot limit per check
// (about 130 MiB for a 1 MB image slot); BenchmarkHostileWorst measures the peak heap of
// every file of the hostile corpus (the worst, a PNG at the pixel cap, 62 MiB).
//
// Concurrency: a [Checker] runs at most [Options.MaxConcurrent] inspections at once
// (4 by default); further calls wait for a turn or for their context to end. The whole
// service therefore needs at most MaxConcurrent × the bound above for checks. Reading
// the upload is not limited here: the server's own request limits apply to it.
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
// clock (a deadline comes in with the caller's context) and holds no globals. It must not import package voucher (voucher imports it),
// net/http or database/sql.
package attachment
