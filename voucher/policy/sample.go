package policy

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"slices"

	"github.com/cxqkit/cxq"
)

// SampleCase is one case of a spot check's population: its ID (a redemption's) and the
// stratum it belongs to ([Strata.Stratum]).
type SampleCase struct {
	ID      string `json:"id"`
	Stratum string `json:"stratum"`
}

// Stratum is what a draw took from one stratum: its name, how many cases it had and the
// IDs drawn, in ID order.
type Stratum struct {
	Name  string   `json:"name"`
	Size  int      `json:"size"`
	Drawn []string `json:"drawn"`
}

// SampleSize returns how many of n cases a draw at share takes: ⌈share × n⌉, so the
// sample is never below the share (and one case of any non-empty stratum at any share
// above zero).
func SampleSize(n int, share cxq.Rate) int {
	if n <= 0 {
		return 0
	}
	k := int(cxq.Fen(int64(n)).MulRate(share, cxq.RoundUp).Fen())
	return min(k, n)
}

// SampleRank is the rank of a case in a draw with seed: the hex SHA-256 of the seed's
// length (8 bytes, big-endian), the seed and the case's ID. Anyone holding the seed and
// the list of cases can recompute it with any SHA-256 tool.
func SampleRank(seed, id string) string {
	h := sha256.New()
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(seed)))
	h.Write(n[:])
	h.Write([]byte(seed))
	h.Write([]byte(id))
	return hex.EncodeToString(h.Sum(nil))
}

// DrawSample draws a spot check's sample: within each stratum, the [SampleSize] cases
// of lowest [SampleRank] under seed (ties, which SHA-256 makes practically impossible, by
// ID). The draw depends on the seed and the set of cases only — not on their order, and
// a case's chance does not depend on the other cases' IDs — so the office can publish the
// seed and anyone can repeat the draw; a later draw cannot be steered by reordering or by
// trying seeds without it showing (the seed is recorded). A case ID given twice counts
// once (its first stratum in ID order wins). Strata are returned by name.
//
// A keyed-hash ranking was chosen over a seeded shuffle (math/rand/v2's PCG) because a
// shuffle's result depends on the population's order and size as a whole: adding one
// late case would reshuffle every stratum, and repeating the draw needs this program.
func DrawSample(cases []SampleCase, seed string, share cxq.Rate) []Stratum {
	sorted := slices.Clone(cases)
	slices.SortFunc(sorted, func(a, b SampleCase) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Stratum, b.Stratum))
	})
	sorted = slices.CompactFunc(sorted, func(a, b SampleCase) bool { return a.ID == b.ID })
	type ranked struct{ id, rank string }
	by := map[string][]ranked{}
	for _, c := range sorted {
		by[c.Stratum] = append(by[c.Stratum], ranked{c.ID, SampleRank(seed, c.ID)})
	}
	out := make([]Stratum, 0, len(by))
	for name, rs := range by {
		slices.SortFunc(rs, func(a, b ranked) int { return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.id, b.id)) })
		k := SampleSize(len(rs), share)
		drawn := make([]string, k)
		for i := range k {
			drawn[i] = rs[i].id
		}
		slices.Sort(drawn)
		out = append(out, Stratum{Name: name, Size: len(rs), Drawn: drawn})
	}
	slices.SortFunc(out, func(a, b Stratum) int { return cmp.Compare(a.Name, b.Name) })
	return out
}
