package jsonenc_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/internal/jsonenc"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

// sameAsMarshal requires Append to write what json.Marshal writes for v, or to fail
// where it fails.
func sameAsMarshal(t require.TestingT, v any) {
	want, wantErr := json.Marshal(v)
	got, err := jsonenc.Append([]byte("prefix"), v)
	if wantErr != nil {
		require.Error(t, err, "json.Marshal fails: %v", wantErr)
		return
	}
	require.NoError(t, err)
	require.Equal(t, "prefix"+string(want), string(got))
}

// TestRecordsAsMarshal fills every field of the stored records with random values
// (strings with HTML characters, control characters, U+2028, invalid UTF-8; times in
// odd zones and out of range; nil and empty maps and slices) and holds Append to
// json.Marshal, through a pointer and by value.
func TestRecordsAsMarshal(t *testing.T) {
	t.Parallel()
	types := []reflect.Type{reflect.TypeFor[voucher.Application](), reflect.TypeFor[voucher.Redemption](),
		reflect.TypeFor[voucher.Order](), reflect.TypeFor[voucher.Notice](), reflect.TypeFor[voucher.AuditEntry](),
		reflect.TypeFor[review.Case](), reflect.TypeFor[voucher.Idempotency](), reflect.TypeFor[voucher.Quota]()}
	rapid.Check(t, func(t *rapid.T) {
		typ := rapid.SampledFrom(types).Draw(t, "type")
		p := reflect.New(typ)
		fill(t, p.Elem(), 0)
		sameAsMarshal(t, p.Interface())
		sameAsMarshal(t, p.Elem().Interface())
	})
}

var pieces = []string{"", "a", "Zz09", "<b>&amp;", "\u2028", "\u2029", "\x00", "\x1f", `"`, `\`, "\n\t\r\b\f",
	"\xff", "\xe2\x80", "气相色谱仪", "\x7f", "😀", "'", "/"}

func fill(t *rapid.T, v reflect.Value, depth int) {
	switch v.Type() {
	case reflect.TypeFor[time.Time]():
		zones := []*time.Location{time.UTC, time.FixedZone("CST", 8*3600), time.FixedZone("", -(3*3600 + 30*60)),
			time.FixedZone("far", 25*3600)}
		at := time.Date(rapid.IntRange(-1, 10001).Draw(t, "year"), time.Month(rapid.IntRange(1, 12).Draw(t, "month")),
			rapid.IntRange(1, 28).Draw(t, "day"), rapid.IntRange(0, 23).Draw(t, "hour"), 0, rapid.IntRange(0, 59).Draw(t, "s"),
			rapid.SampledFrom([]int{0, 1, 500000, 999999999}).Draw(t, "ns"), rapid.SampledFrom(zones).Draw(t, "zone"))
		v.Set(reflect.ValueOf(at))
		return
	case reflect.TypeFor[cxq.Money]():
		v.Set(reflect.ValueOf(cxq.Fen(rapid.Int64().Draw(t, "fen"))))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(strings.Join(rapid.SliceOfN(rapid.SampledFrom(pieces), 0, 3).Draw(t, "s"), ""))
	case reflect.Bool:
		v.SetBool(rapid.Bool().Draw(t, "b"))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(rapid.Int64Range(-1<<(v.Type().Bits()-1), 1<<(v.Type().Bits()-1)-1).Draw(t, "i"))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(rapid.Uint64Range(0, 1<<(v.Type().Bits()-1)).Draw(t, "u"))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(rapid.Float64Range(-1e9, 1e9).Draw(t, "f"))
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Field(i).CanSet() {
				fill(t, v.Field(i), depth)
			}
		}
	case reflect.Pointer:
		if depth < 3 && rapid.Bool().Draw(t, "non-nil") {
			v.Set(reflect.New(v.Type().Elem()))
			fill(t, v.Elem(), depth+1)
		}
	case reflect.Slice:
		n := rapid.IntRange(-1, 2).Draw(t, "len")
		if depth >= 3 || n < 0 {
			return
		}
		v.Set(reflect.MakeSlice(v.Type(), n, n))
		for i := range n {
			fill(t, v.Index(i), depth+1)
		}
	case reflect.Map:
		n := rapid.IntRange(-1, 3).Draw(t, "len")
		if depth >= 3 || n < 0 {
			return
		}
		v.Set(reflect.MakeMap(v.Type()))
		for range n {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(t, k, depth+1)
			fill(t, e, depth+1)
			v.SetMapIndex(k, e)
		}
	case reflect.Interface:
		if rapid.Bool().Draw(t, "non-nil") {
			v.Set(reflect.ValueOf(rapid.SampledFrom([]any{"<x>", 1.5, []int{1}, map[string]any{"a": nil}}).Draw(t, "any")))
		}
	}
}

type inner struct {
	A string `json:"a"`
	B int    `json:",omitempty"`
}

type hidden struct{ Promoted string }

type named string

type zeroer struct{ N int }

func (z zeroer) IsZero() bool { return z.N < 0 }

type ptrZeroer struct{ N int }

func (z *ptrZeroer) IsZero() bool { return z.N == 7 }

type ptrMarshaler struct{ N int }

func (p *ptrMarshaler) MarshalJSON() ([]byte, error) { return []byte(`{"by":"pointer", "n" : 1}`), nil }

type text struct{ S string }

func (x text) MarshalText() ([]byte, error) { return []byte("<" + x.S + ">"), nil }

type edges struct {
	inner
	hidden
	named
	Tagged     inner          `json:"tagged"`
	Ptr        *inner         `json:"ptr"`
	Skip       string         `json:"-"`
	Dash       string         `json:"-,"`
	Bad        string         `json:"a\"b"`
	Punct      string         `json:"<p>&q"`
	Empty      []string       `json:"empty,omitempty"`
	EmptyMap   map[string]int `json:"em,omitempty"`
	Zero       time.Time      `json:"zero,omitzero"`
	Own        zeroer         `json:"own,omitzero"`
	OwnPtr     ptrZeroer      `json:"own_ptr,omitzero"`
	PtrZ       *zeroer        `json:"ptr_z,omitzero"`
	Marsh      ptrMarshaler   `json:"marsh"`
	MarshSlice []ptrMarshaler `json:"marsh_slice"`
	MarshMap   map[string]ptrMarshaler
	Text       text            `json:"text"`
	TextKeys   map[text]int    `json:"text_keys"`
	IntKeys    map[int]string  `json:"int_keys"`
	NamedKeys  map[named]named `json:"named_keys"`
	Bytes      []byte          `json:"bytes"`
	Float      float64         `json:"float"`
	Array      [2]string       `json:"array"`
	Any        any             `json:"any"`
	Money      cxq.Money       `json:"money"`
	Moneys     map[string]cxq.Money
	private    string
}

// TestEdgesAsMarshal holds Append to json.Marshal on the rules Marshal applies beyond
// plain fields: promotion, tag names and options, IsZero methods, methods on the
// pointer (reached through an address, and not through a map), text keys and the
// kinds handed to encoding/json.
func TestEdgesAsMarshal(t *testing.T) {
	t.Parallel()
	full := edges{inner: inner{A: "x", B: 2}, hidden: hidden{"p"}, named: "n", Ptr: &inner{A: "<"}, Skip: "s", Dash: "d",
		Bad: "b", Punct: "q", Own: zeroer{-1}, OwnPtr: ptrZeroer{7}, PtrZ: &zeroer{-1}, MarshSlice: []ptrMarshaler{{}},
		MarshMap: map[string]ptrMarshaler{"k": {}}, Text: text{"t"}, TextKeys: map[text]int{{"b"}: 1, {"a"}: 2},
		IntKeys: map[int]string{10: "a", 9: "b"}, NamedKeys: map[named]named{"b": "1", "a": "2", "<": "&"},
		Bytes: []byte("hi"), Float: 1e21, Array: [2]string{"a"}, Any: map[string]any{"z": 1, "a": []any{nil}},
		Money: cxq.Fen(-455), Moneys: map[string]cxq.Money{"b": cxq.Fen(1), "a": cxq.Fen(100)}, private: "x"}
	for name, v := range map[string]any{
		"zero": edges{}, "full": full, "full pointer": &full, "nil pointer": (*edges)(nil), "nil": nil,
		"inner": inner{}, "slice of pointers": []*inner{nil, {A: "a"}}, "string": "\u2028<\xff>",
		"bad year": struct{ T time.Time }{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
		"bad zone": struct{ T time.Time }{time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600))},
		"function": struct{ F func() }{func() {}},
		"quoted": struct {
			N int `json:"n,string"`
		}{3},
		"collision": struct {
			inner
			A string `json:"a"`
		}{inner{A: "deep"}, "shallow"},
		"embedded *":     struct{ *inner }{&inner{A: "a"}},
		"nil embedded *": struct{ *inner }{},
	} {
		t.Run(name, func(t *testing.T) { sameAsMarshal(t, v) })
	}
}

// approved is an application as the lifecycle leaves it after a district approval: the
// record every lifecycle transaction encodes.
func approved() voucher.Application {
	at := time.Date(2025, 3, 1, 1, 0, 5, 0, time.UTC)
	return voucher.Application{Record: voucher.Record{ID: "AP000001", OrderID: "IV000001", EnterpriseID: "E1",
		Product: voucher.ProductRef{ID: "P1", Name: "气相色谱仪", ProviderID: "V1", ProviderName: "天津大学", Price: cxq.Fen(10000)},
		Case: review.Case{ID: "AP000001", Workflow: "tianjin-application", WorkflowVersion: 1, Owner: "E1", District: "河西区",
			State: review.ProfessionalReview, Version: 2, Facts: map[string]string{review.FactClaimedAmount: "2000.00"},
			History: []review.AuditEntry{{Case: "AP000001", Seq: 1, Actor: "u-e1", Time: at, Hash: strings.Repeat("2a", 32)},
				{Case: "AP000001", Seq: 2, Actor: "r-hx", Time: at, Prev: strings.Repeat("2a", 32), Hash: strings.Repeat("44", 32)}}},
		Assignments: map[voucher.State]string{review.ProfessionalReview: "p1"},
		Version:     3, Created: at, Updated: at, Since: at, AuditHead: strings.Repeat("23", 32), AuditSeq: 3},
		Form: voucher.ApplicationForm{Activity: "利用气相色谱仪开展新产品成分检测。", ContractStart: at, ContractEnd: at,
			Estimated: cxq.Fen(400000)},
		Amount: cxq.Fen(200000), Reserved: cxq.Fen(200000)}
}

// TestRecordAllocations: a record is encoded into a buffer with room with one
// allocation per map of strings it holds (its key and value cells), not one per amount,
// time or field as through Marshal.
func TestRecordAllocations(t *testing.T) {
	app := approved()
	sameAsMarshal(t, &app)
	buf := make([]byte, 0, 8<<10)
	n := testing.AllocsPerRun(100, func() { _, _ = jsonenc.Append(buf, &app) })
	require.LessOrEqual(t, n, 4.0, "two maps of strings, two cells each")
}

func BenchmarkApplication(b *testing.B) {
	app := approved()
	buf := make([]byte, 0, 8<<10)
	b.Run("jsonenc", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			_, _ = jsonenc.Append(buf, &app)
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			_, _ = json.Marshal(&app)
		}
	})
}
