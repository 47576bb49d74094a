package chain_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/internal/chain"
)

func TestEncodingIsInjective(t *testing.T) {
	t.Parallel()
	// Moving a byte between two fields, or between a map's key and value, changes the
	// encoding.
	a := chain.New("t").Field("a", "xy").Field("b", "z").Bytes()
	b := chain.New("t").Field("a", "x").Field("b", "yz").Bytes()
	require.NotEqual(t, a, b)
	m1 := chain.New("t").Map("m", map[string]string{"ab": "c"}).Bytes()
	m2 := chain.New("t").Map("m", map[string]string{"a": "bc"}).Bytes()
	require.NotEqual(t, m1, m2)
	require.NotEqual(t, chain.New("t1").Bytes(), chain.New("t2").Bytes())
}

func TestEncodingIsDocumented(t *testing.T) {
	t.Parallel()
	at := time.Date(2025, 3, 1, 16, 0, 0, 0, time.FixedZone("CST", 8*3600))
	got := chain.New("cxq.test.v1").Field("case", "A1").Int("seq", 12).Time("time", at).
		Map("fields", map[string]string{"b": "2", "a": "1"}).Bytes()
	want := "cxq.test.v1\ncase=2:A1\nseq=2:12\ntime=27:2025-03-01T08:00:00.000000Z\nfields=12:1:a1:11:b1:2\n"
	require.Equal(t, want, string(got))
}

// TestMACIsHMAC: MAC is the HMAC-SHA-256 of the encoding under the key given, whichever
// keys were used before it and from however many goroutines (its states are reused).
func TestMACIsHMAC(t *testing.T) {
	t.Parallel()
	keys := [][]byte{[]byte("0123456789abcdef0123456789abcdef"), []byte("another key of thirty-two bytes!"), nil}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				key := keys[(g+i)%len(keys)]
				e := chain.New("t").Int("seq", int64(i)).Field("c", "内容")
				want := sha256.Sum256(e.Bytes())
				if key != nil {
					m := hmac.New(sha256.New, key)
					m.Write(e.Bytes())
					copy(want[:], m.Sum(nil))
				}
				if got := e.MAC(key); got != hex.EncodeToString(want[:]) {
					t.Errorf("MAC under key %d of entry %d is %s", (g+i)%len(keys), i, got)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func link(seq int64, prev, content string) chain.Link {
	sum := chain.New("t").Int("seq", seq).Field("c", content).Field("prev", prev).Sum()
	return chain.Link{Seq: seq, Prev: prev, Hash: sum, Sum: sum}
}

func TestVerify(t *testing.T) {
	t.Parallel()
	l1 := link(1, "", "a")
	l2 := link(2, l1.Hash, "b")
	l3 := link(3, l2.Hash, "c")
	head, err := chain.Verify("s", []chain.Link{l1, l2, l3})
	require.NoError(t, err)
	require.Equal(t, l3.Hash, head)

	altered := l2
	altered.Sum = link(2, l1.Hash, "B").Sum
	for name, links := range map[string][]chain.Link{
		"altered":   {l1, altered, l3},
		"missing":   {l1, l3},
		"reordered": {l2, l1, l3},
		"rechained": {l1, link(2, "", "b")},
	} {
		_, err := chain.Verify("s", links)
		require.ErrorIs(t, err, cxq.ErrTampered, name)
		var te *cxq.TamperError
		require.True(t, errors.As(err, &te), name)
		require.Equal(t, "s", te.Stream, name)
	}
}

// TestFreedEncodingsStartClean: an encoding handed back with Free and reused by New holds
// nothing of the entry before it, and the bytes of one never freed are never reused.
func TestFreedEncodingsStartClean(t *testing.T) {
	kept := chain.New("kept").Field("a", "1").Bytes()
	for range 100 {
		chain.New("t").Field("x", strings.Repeat("y", 600)).Free()
		require.Equal(t, "t\nb=1:2\n", string(chain.New("t").Field("b", "2").Bytes()))
	}
	require.Equal(t, "kept\na=1:1\n", string(kept))
}
