package sqlstore

import (
	"sync"

	"github.com/cxqkit/cxq/internal/deepcopy"
)

// decodedMax bounds how many applications and redemptions a Store keeps decoded.
const decodedMax = 4096

// decodedCache keeps the applications and redemptions a Store last wrote or decoded, by
// the exact JSON of their row: a read whose row holds those very bytes gets a deep copy
// of the kept value instead of decoding the JSON again (most of the CPU of a read). A
// row whose data differs in any byte — a newer version, another process's write, an edit
// made outside the Store — is decoded afresh, so a read always returns a value whose
// JSON is the row's data.
type decodedCache struct {
	mu sync.Mutex
	m  map[string]decodedRow // table NUL id → row
}

type decodedRow struct {
	data string
	v    any // a *T that nothing else holds
}

// decodedOf returns a copy of the value kept for key if its row held data.
func decodedOf[T any](c *decodedCache, key, data string) (T, bool) {
	c.mu.Lock()
	row, ok := c.m[key]
	c.mu.Unlock()
	if p, isT := row.v.(*T); ok && isT && row.data == data {
		return deepcopy.Copy(*p), true
	}
	var zero T
	return zero, false
}

// keep records a deep copy of v as the value of the row key holding data, dropping some
// other row when the cache is full.
func keep[T any](c *decodedCache, key, data string, v T) {
	p := deepcopy.New(v)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]decodedRow{}
	}
	if _, ok := c.m[key]; !ok && len(c.m) >= decodedMax {
		for k := range c.m {
			delete(c.m, k)
			break
		}
	}
	c.m[key] = decodedRow{data: data, v: p}
}
