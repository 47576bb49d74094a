// Package fsblobs stores attachment blobs as files in a local directory.
//
// Every access goes through an os.Root, so no ID, link or race can reach outside the
// directory, and only IDs that pass attachment.ValidID are used as names (never a name
// given by a user). A blob is written to a temporary file (".tmp-" and random hex, never a
// valid ID), synced, then hard-linked under its real name, which fails when the name
// exists, so a blob is never replaced; the directory is synced and the temporary name
// removed. A crash therefore never leaves half a file under a real name; at worst a
// ".tmp-" file remains, which may be deleted.
//
// Blobs live in subdirectories named by the first two characters of their ID. The file
// system must support hard links (every common Linux and macOS one does).
//
// It must not import package voucher.
package fsblobs
