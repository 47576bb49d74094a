package voucher

import (
	"context"
	"crypto/sha256"
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
	h.Sum(sum[:0])
	return hexDigest(sum), nil
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

// replay looks the key up before the call runs, in its transaction: a repeated call gets
// its first result (decoded into out; found) without running the rules again — no second
// effect, not even a log line or a call to the catalog — and a key bound to another op or
// input is CodeKeyReused. A refused first call with the same input is not found: the call
// runs again.
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
	}
	return k.answer(rec, out)
}

// answer is what the key's record rec says of this call: found, with the first result
// decoded into out, or with CodeKeyReused when the key is bound to another op or input;
// not found when it holds no result of this call (this input's refusal).
func (k keyed) answer(rec Idempotency, out any) (found bool, err error) {
	switch {
	case !k.same(rec):
		return true, keyReused(k.key)
	case len(rec.Result) == 0:
		return false, nil
	}
	return true, json.Unmarshal(rec.Result, out)
}

// settle finds what a call under the key answers when the rules refused it with callErr
// (a refusal of kind invalid, forbidden, not found or conflict). Most often the refusal
// stands, and the key is bound to this input. But concurrent calls with one key all
// pass replay before any commits; the losers are refused (by the key's own uniqueness
// rule, or by the state the winner left) and then find the winner's result here — found
// reports it, or CodeKeyReused when the winner's input was another. Any other failure
// (of the store or the context) is left as it is and not recorded, so nothing but a
// refusal is ever kept.
func (k keyed) settle(ctx context.Context, callErr error, out any) (found bool, err error) {
	refused := errors.Is(callErr, cxq.ErrInvalid) || errors.Is(callErr, cxq.ErrForbidden) ||
		errors.Is(callErr, cxq.ErrNotFound) || errors.Is(callErr, cxq.ErrConflict)
	if !refused {
		return false, nil
	}
	var rec Idempotency
	lookup := func(tx Tx) error {
		r, err := tx.Idempotency(ctx, k.actorID, k.key)
		if rec = (Idempotency{}); err == nil {
			rec = r
		}
		return err
	}
	err = k.s.store.Update(ctx, func(tx Tx) error {
		err := lookup(tx)
		if errors.Is(err, cxq.ErrNotFound) {
			return tx.SaveIdempotency(ctx, Idempotency{Key: k.key, ActorID: k.actorID, Op: k.op, Request: k.hash, At: k.s.clock()})
		}
		return err
	})
	if errors.Is(err, cxq.ErrConflict) { // a result landed between the lookup and the save
		err = k.s.store.View(ctx, lookup)
	}
	if err != nil || rec.Key == "" {
		return false, nil // nothing stored (or the store failed): the call's own error stands
	}
	return k.answer(rec, out)
}

// same reports whether rec is the record of this very call: its op and input.
func (k keyed) same(rec Idempotency) bool { return rec.Op == k.op && rec.Request == k.hash }

// stored reads the first result of the call k, decoded into out, when its key holds one
// for this very input (found); it changes nothing. A key bound to another call is not
// found here: the call it would be is a new one.
func (k keyed) stored(ctx context.Context, out any) (found bool, err error) {
	err = k.s.store.View(ctx, func(tx Tx) (e error) {
		found, e = k.replay(ctx, tx, out)
		return e
	})
	var fe *cxq.FieldError
	if errors.As(err, &fe) && fe.Code == CodeKeyReused {
		return false, nil
	}
	return found && err == nil, err
}
