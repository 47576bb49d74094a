// Package chain is the one hash chain of cxq's audit trails: the canonical encoding an
// entry's hash covers, the hash itself, and the walk that verifies a chain. Package
// review chains the history of each review case with it, and package voucher the audit
// stream of each record, so both trails are encoded, hashed and verified alike and fail
// the same way (a *cxq.TamperError matching cxq.ErrTampered).
//
// # Encoding
//
// An entry's canonical encoding is its tag line followed by one line per field, in the
// order the entry type documents:
//
//	tag "\n"
//	name "=" len ":" value "\n"   (for each field)
//
// where len is the value's length in bytes, in decimal. Integers are written in decimal,
// times in UTC as RFC 3339 with exactly six fractional digits
// ("2025-03-01T08:00:00.000000Z"), and a map as the concatenation, over keys in byte
// order, of len(key) ":" key len(value) ":" value. The length prefixes make the encoding
// injective: no two different entries encode alike. A store in another language can
// recompute it.
//
// # Hash
//
// [Encoding.Sum] is the hex SHA-256 of the encoding; [Encoding.MAC] its HMAC-SHA-256
// under a key kept outside the database, so that someone who can write the database
// cannot recompute a chain they edited. The entry's Prev field (the hash of the entry
// before it, "" for the first) is one of its fields, which links the chain.
//
// The package does no I/O and holds no state.
package chain
