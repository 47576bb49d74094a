package voucher

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
)

// Idempotency is the stored outcome of one mutating call made with an idempotency key.
// A Store saves it in the transaction of the call's change, so a retry after a lost reply
// finds it and gets the first result without a second effect.
type Idempotency struct {
	Key     string    `json:"key"` // the actor's key, scoped by ActorID
	ActorID string    `json:"actor_id"`
	Op      string    `json:"op"`      // the call, e.g. "SubmitApplication"
	Request string    `json:"request"` // hex SHA-256 of the call's input
	Result  []byte    `json:"result"`  // the first result, JSON
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
	b, err := json.Marshal(input)
	if err != nil {
		return "", fmt.Errorf("voucher: hash %s request: %w", op, err)
	}
	h := sha256.Sum256(append([]byte(op+"\x00"), b...))
	return hex.EncodeToString(h[:]), nil
}
