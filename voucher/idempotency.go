package voucher

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
)

// Idempotency is the stored outcome of one mutating call made with an idempotency key.
// A Store saves it in the transaction of the call's change, so a retry after a lost reply
// finds it and gets the first result without a second effect. A call the rules refused
// leaves a record with no Result: the key stays bound to that input, so a call with the
// same key and another input is refused, and one with the same input runs again.
type Idempotency struct {
	Key     string    `json:"key"` // the actor's key, scoped by ActorID
	ActorID string    `json:"actor_id"`
	Op      string    `json:"op"`      // the call, e.g. "SubmitApplication"
	Request string    `json:"request"` // hex SHA-256 of the call's input
	Result  []byte    `json:"result"`  // the first result, JSON; empty when the call was refused
	At      time.Time `json:"at"`
}

// MaxKeyLen is the longest idempotency key accepted, in bytes: room for a UUID or a
// client's own prefix and counter; a longer key is refused with code CodeKeyTooLong.
const MaxKeyLen = 128

// CodeKeyTooLong is the code of the error returned for a key over MaxKeyLen bytes.
const CodeKeyTooLong = "idempotency_key_too_long"

func checkKey(key string) error {
	if len(key) <= MaxKeyLen {
		return nil
	}
	return cxq.NewFieldError("idempotency_key", CodeKeyTooLong, map[string]string{"max": fmt.Sprint(MaxKeyLen)},
		cxq.T("幂等键不得超过 {max} 字节", "idempotency key must be at most {max} bytes"))
}

// CodeKeyReused is the code of the error returned when a key comes back with another
// input.
const CodeKeyReused = "idempotency_key_reused"

// keyReused reports the same key used for a different call or input.
func keyReused(key string) error {
	return cxq.NewFieldError("idempotency_key", CodeKeyReused, map[string]string{"key": key},
		cxq.T("幂等键 {key} 已用于另一请求", "idempotency key {key} was already used for a different request"))
}

// requestHash returns the hex SHA-256 of op and the JSON of input.
func requestHash(op string, input any) (string, error) {
	buf, err := encodeJSON(input)
	if err != nil {
		return "", fmt.Errorf("voucher: hash %s request: %w", op, err)
	}
	defer release(buf)
	h := sha256.New()
	h.Write([]byte(op))
	h.Write([]byte{0})
	h.Write(buf.Bytes())
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])), nil
}

// keyed is one call under an idempotency key.
type keyed struct {
	s       *Service
	actorID string
	key, op string
	hash    string
}

func newKeyed(s *Service, a Actor, key, op string, input any) (keyed, error) {
	k := keyed{s: s, actorID: a.ID, key: key, op: op}
	if err := checkKey(key); err != nil || key == "" {
		return k, err
	}
	h, err := requestHash(op, struct {
		Actor Actor `json:"actor"`
		Input any   `json:"input"`
	}{a, input})
	k.hash = h
	return k, err
}

// replay finds the stored outcome of the key: found reports a result decoded into out.
// A refused first call with the same input is not found (the call runs again); any other
// input than the first is CodeKeyReused.
func (k keyed) replay(ctx context.Context, tx Tx, out any) (found bool, err error) {
	if k.key == "" {
		return false, nil
	}
	rec, err := tx.Idempotency(ctx, k.actorID, k.key)
	switch {
	case errors.Is(err, cxq.ErrNotFound):
		return false, nil
	case err != nil:
		return false, err
	case rec.Op != k.op || rec.Request != k.hash:
		return true, keyReused(k.key)
	case len(rec.Result) == 0:
		return false, nil
	}
	return true, json.Unmarshal(rec.Result, out)
}

// saveResult stores the result *v of the call k in its transaction.
func saveResult[T any](ctx context.Context, k keyed, tx Tx, v *T, now time.Time) error {
	if k.key == "" {
		return nil
	}
	b, err := resultJSON(tx, v)
	if err != nil {
		return err
	}
	return tx.SaveIdempotency(ctx, Idempotency{Key: k.key, ActorID: k.actorID, Op: k.op, Request: k.hash, Result: b, At: now})
}

// failed binds the key to its input after the rules refused the call (a refusal of
// kind invalid, forbidden, not found or conflict); a failure of the store or the
// context is not recorded, so nothing but the refusal itself is ever kept.
func (k keyed) failed(ctx context.Context, err error) {
	refused := errors.Is(err, cxq.ErrInvalid) || errors.Is(err, cxq.ErrForbidden) ||
		errors.Is(err, cxq.ErrNotFound) || errors.Is(err, cxq.ErrConflict)
	if k.key == "" || !refused || ctx.Err() != nil {
		return
	}
	_ = k.s.store.Update(ctx, func(tx Tx) error {
		if _, err := tx.Idempotency(ctx, k.actorID, k.key); !errors.Is(err, cxq.ErrNotFound) {
			return err // a record exists already (this refusal's twin, or a winner's result)
		}
		return tx.SaveIdempotency(ctx, Idempotency{Key: k.key, ActorID: k.actorID, Op: k.op, Request: k.hash, At: k.s.clock()})
	})
}
