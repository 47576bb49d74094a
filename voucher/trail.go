package voucher

import (
	"cmp"
	"crypto/ed25519"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/internal/chain"
)

// AuditKeys are the keys that make the audit trail tamper-evident against someone who
// can write the database. Keep them outside it (a secret store, files the database
// role cannot read); a Service refuses a Config with neither MAC nor Unkeyed.
type AuditKeys struct {
	// MAC keys the HMAC-SHA-256 of every entry: without it, an edited entry, or a trail
	// re-chained after an edit, does not verify. At least 32 random bytes.
	MAC []byte
	// Unkeyed, when MAC is empty, chains the entries with plain SHA-256: for demos and
	// tests. Anyone who can write the database can then re-chain an edit; only a
	// Checkpoint kept elsewhere still shows it.
	Unkeyed bool
	// Signer signs checkpoints ([Service.Checkpoint]); its public key verifies them.
	// Optional: without it, Checkpoint fails and VerifyAudit checks checkpoints against
	// Verifier.
	Signer ed25519.PrivateKey
	// Verifier is the public key checkpoints are verified with. Defaults to Signer's.
	Verifier ed25519.PublicKey
}

func (k AuditKeys) check() error {
	switch {
	case len(k.MAC) == 0 && !k.Unkeyed:
		return fmt.Errorf("voucher: Config.Audit needs a MAC key, or Unkeyed for a demo: %w", cxq.ErrInvalid)
	case len(k.MAC) > 0 && len(k.MAC) < 32:
		return fmt.Errorf("voucher: Config.Audit.MAC must be at least 32 bytes: %w", cxq.ErrInvalid)
	case k.Signer != nil && len(k.Signer) != ed25519.PrivateKeySize:
		return fmt.Errorf("voucher: Config.Audit.Signer is not an Ed25519 private key: %w", cxq.ErrInvalid)
	}
	return nil
}

func (k AuditKeys) verifier() ed25519.PublicKey {
	if k.Verifier != nil {
		return k.Verifier
	}
	if k.Signer != nil {
		return k.Signer.Public().(ed25519.PublicKey)
	}
	return nil
}

// Checkpoint is a signed statement of the trail's size and head at one moment, in the
// manner of certificate transparency's signed tree heads. A portal publishes each one or
// keeps it outside the database; [Service.VerifyAudit] given a checkpoint detects a trail
// cut below its size, or re-chained, since.
type Checkpoint struct {
	Size      int64     `json:"size"` // entries in the trail
	Head      string    `json:"head"` // the Hash of the entry at Size
	At        time.Time `json:"at"`
	Signature []byte    `json:"signature"` // Ed25519 over SignedBytes
}

// SignedBytes returns what the signature covers: "cxq.voucher.checkpoint.v1\n", the size
// in decimal, "\n", the head, "\n", the time as Unix microseconds in decimal.
func (c Checkpoint) SignedBytes() []byte {
	return []byte("cxq.voucher.checkpoint.v1\n" + strconv.FormatInt(c.Size, 10) + "\n" + c.Head + "\n" +
		strconv.FormatInt(c.At.UnixMicro(), 10))
}

// Verify checks the checkpoint's signature with pub.
func (c Checkpoint) Verify(pub ed25519.PublicKey) error {
	if len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, c.SignedBytes(), c.Signature) {
		return chain.Broken("checkpoint", c.Size, "checkpoint signature does not verify")
	}
	return nil
}

// RecordState is what the verifier knows of a stored record: the audit head it holds
// and the hash of its content as stored ([ContentHash]).
type RecordState struct {
	Head     string
	Content  string
	Headless bool // the record keeps no head of its own (a quota row)
}

// ContentHash returns the hex SHA-256 of the record's JSON encoding (as encoding/json
// writes it), the content an audit entry commits to. Callers clear the fields that name
// the entry itself (AuditHead, AuditSeq) first.
func ContentHash(v any) (string, error) {
	buf, h, err := encodeContent(v)
	if err == nil {
		release(buf)
	}
	return h, err
}

// VerifyTrail checks the whole trail under key: the entries in position order chain
// (positions 1..n, each Chain the Hash before, each Hash recomputed), each stream chains
// (Seq 1..n, each Prev the stream's Hash before), every stream belongs to a stored record
// whose head is the stream's last entry and whose content matches it, and every record
// has a stream. It returns the trail's tail, or a *cxq.TamperError naming the first
// place that fails.
func VerifyTrail(entries []AuditEntry, records map[string]RecordState, key []byte) (AuditTail, error) {
	slices.SortFunc(entries, func(a, b AuditEntry) int { return cmp.Compare(a.Pos, b.Pos) })
	links := make([]chain.Link, len(entries))
	last := map[string]AuditEntry{}
	for i, e := range entries {
		links[i] = chain.Link{Seq: e.Pos, Prev: e.Chain, Hash: e.Hash, Sum: e.ComputeHash(key)}
		prev, seen := last[e.Stream]
		switch {
		case !seen && (e.Seq != 1 || e.Prev != ""):
			return AuditTail{}, chain.Broken(e.Stream, 1, "entry missing or out of order")
		case seen && (e.Seq != prev.Seq+1 || e.Prev != prev.Hash):
			return AuditTail{}, chain.Broken(e.Stream, prev.Seq+1, "entry missing or out of order")
		}
		last[e.Stream] = e
	}
	head, err := chain.Verify("trail", links)
	if err != nil {
		return AuditTail{}, err
	}
	if err := matchRecords(last, records); err != nil {
		return AuditTail{}, err
	}
	return AuditTail{Pos: int64(len(entries)), Hash: head}, nil
}

// matchRecords checks each stream's last entry against its record and that every record
// has a stream.
func matchRecords(last map[string]AuditEntry, records map[string]RecordState) error {
	for _, s := range slices.Sorted(maps.Keys(last)) {
		e := last[s]
		rec, ok := records[s]
		switch {
		case !ok:
			return chain.Broken(s, e.Seq, "the record of this trail was deleted")
		case !rec.Headless && rec.Head != e.Hash:
			return chain.Broken(s, e.Seq+1, "the record's head is not the trail's last entry")
		case e.Content != "" && rec.Content != e.Content:
			return chain.Broken(s, e.Seq, "the record was altered after its last entry")
		}
	}
	for _, s := range slices.Sorted(maps.Keys(records)) {
		if _, ok := last[s]; !ok {
			return chain.Broken(s, 1, "a record with no audit trail")
		}
	}
	return nil
}

// checkAgainst verifies a checkpoint's signature and that the trail still holds it:
// at least Size entries, the one at Size with the checkpoint's head.
func checkAgainst(cp Checkpoint, pub ed25519.PublicKey, entries []AuditEntry) error {
	if pub == nil {
		return fmt.Errorf("voucher: no key to verify checkpoints with (Config.Audit.Signer or Verifier): %w", cxq.ErrInvalid)
	}
	if err := cp.Verify(pub); err != nil {
		return err
	}
	if cp.Size < 0 || int64(len(entries)) < cp.Size {
		return chain.Broken("trail", cp.Size, "the trail is shorter than a checkpoint it once had")
	}
	if cp.Size > 0 && entries[cp.Size-1].Hash != cp.Head {
		return chain.Broken("trail", cp.Size, "the trail was re-chained since the checkpoint")
	}
	return nil
}
