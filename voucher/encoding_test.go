package voucher

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/review"
)

// TestWithHeadIsMarshal: the content encoding with the head spliced in is byte for byte
// json.Marshal of the record with its head, even when a person's text holds the very
// field; a record whose encoding holds the field twice is left to json.Marshal.
func TestWithHeadIsMarshal(t *testing.T) {
	t.Parallel()
	app := Application{Record: Record{ID: "A1", Version: 3, Case: review.Case{ID: "A1",
		Facts: map[string]string{`"audit_head":"","audit_seq":0`: `"audit_head":"","audit_seq":0`}}},
		Form: ApplicationForm{Activity: `x","audit_head":"","audit_seq":0,"y":"<&>` + "\u2028"}}
	content, hash, err := encodeContent(&app)
	require.NoError(t, err)
	want, err := ContentHash(app)
	require.NoError(t, err)
	require.Equal(t, want, hash)

	app.AuditHead, app.AuditSeq = "0123456789abcdef", 12
	enc, ok := withHead(content.Bytes(), &app.Record)
	require.True(t, ok)
	b, err := json.Marshal(app)
	require.NoError(t, err)
	require.Equal(t, string(b), string(enc.json))

	ctx := context.WithValue(context.Background(), encodedKey{}, enc)
	got, ok := EncodedRecord(ctx, &app.Record)
	require.True(t, ok)
	require.Equal(t, b, got)
	app.Version++
	_, ok = EncodedRecord(ctx, &app.Record)
	require.False(t, ok, "another version is not this encoding")

	twice := append(append([]byte{}, content.Bytes()...), headless...)
	_, ok = withHead(twice, &app.Record)
	require.False(t, ok)
}

// TestRequestHashIsMarshal: a request's hash is the SHA-256 of the op, a NUL and
// json.Marshal of the input (HTML escaped), so keys stored before stay comparable.
func TestRequestHashIsMarshal(t *testing.T) {
	t.Parallel()
	in := Decision{ID: "A1", Opinion: "<同意> & \u2028", Fields: map[string]string{"b": "2", "a": "1"}}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	want := sha256.Sum256(append([]byte("ReviewApplication\x00"), b...))
	got, err := requestHash("ReviewApplication", in)
	require.NoError(t, err)
	require.Equal(t, hex.EncodeToString(want[:]), got)
}
