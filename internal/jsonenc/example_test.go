package jsonenc_test

import (
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/internal/jsonenc"
)

func ExampleAppend() {
	type claim struct {
		Amount cxq.Money         `json:"amount"`
		At     time.Time         `json:"at"`
		Note   string            `json:"note,omitempty"`
		Facts  map[string]string `json:"facts"`
	}
	b, err := jsonenc.Append(nil, claim{Amount: cxq.MustMoney("4549.50"), At: time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC),
		Facts: map[string]string{"b": "<2>", "a": "1"}})
	fmt.Println(string(b), err)
	// Output: {"amount":"4549.50","at":"2025-03-01T08:00:00Z","facts":{"a":"1","b":"\u003c2\u003e"}} <nil>
}
