package jsonenc

import (
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cxqkit/cxq"
)

// Append appends the JSON encoding of v to b: what json.Marshal(v) returns. On an
// error (a value encoding/json refuses) b's contents past its length are undefined.
func Append(b []byte, v any) ([]byte, error) {
	if v == nil {
		return append(b, "null"...), nil
	}
	rv := reflect.ValueOf(v)
	return encoderOf(rv.Type())(b, rv)
}

// encoder appends the encoding of v.
type encoder func(b []byte, v reflect.Value) ([]byte, error)

var (
	encodersMu sync.Mutex
	encoders   sync.Map // reflect.Type → encoder
)

func encoderOf(t reflect.Type) encoder {
	if e, ok := encoders.Load(t); ok {
		return e.(encoder)
	}
	encodersMu.Lock()
	defer encodersMu.Unlock()
	return build(t, map[reflect.Type]*encoder{})
}

// build makes the encoder of t; building holds the types under construction, so that a
// recursive type refers to its own encoder.
func build(t reflect.Type, building map[reflect.Type]*encoder) encoder {
	if e, ok := encoders.Load(t); ok {
		return e.(encoder)
	}
	if p, ok := building[t]; ok {
		return func(b []byte, v reflect.Value) ([]byte, error) { return (*p)(b, v) }
	}
	var e encoder
	building[t] = &e
	e = buildType(t, building)
	delete(building, t)
	encoders.Store(t, e)
	return e
}

var (
	timeType          = reflect.TypeFor[time.Time]()
	moneyType         = reflect.TypeFor[cxq.Money]()
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// hasMethods reports whether t or *t marshals itself.
func hasMethods(t reflect.Type) bool {
	for _, m := range []reflect.Type{marshalerType, textMarshalerType} {
		if t.Implements(m) || (t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(m)) {
			return true
		}
	}
	return false
}

func buildType(t reflect.Type, building map[reflect.Type]*encoder) encoder {
	switch {
	case t == timeType:
		return appendTime
	case t == moneyType:
		return appendMoney
	case hasMethods(t):
		return fallback
	}
	switch t.Kind() {
	case reflect.Bool:
		return func(b []byte, v reflect.Value) ([]byte, error) { return strconv.AppendBool(b, v.Bool()), nil }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(b []byte, v reflect.Value) ([]byte, error) { return strconv.AppendInt(b, v.Int(), 10), nil }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(b []byte, v reflect.Value) ([]byte, error) { return strconv.AppendUint(b, v.Uint(), 10), nil }
	case reflect.String:
		return func(b []byte, v reflect.Value) ([]byte, error) { return appendString(b, v.String()), nil }
	case reflect.Struct:
		return buildStruct(t, building)
	case reflect.Map:
		return buildMap(t, building)
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return fallback // base64, or a byte type's own methods
		}
		return buildSlice(build(t.Elem(), building))
	case reflect.Pointer:
		elem := build(t.Elem(), building)
		return func(b []byte, v reflect.Value) ([]byte, error) {
			if v.IsNil() {
				return append(b, "null"...), nil
			}
			return elem(b, v.Elem())
		}
	}
	return fallback // floats, arrays, interfaces and what Marshal refuses
}

var errNotInterface = errors.New("jsonenc: a value reached through an unexported field")

// fallback appends what encoding/json writes for v, as Marshal would reach it: through
// its address when it has one, so that methods on the pointer apply as they would.
func fallback(b []byte, v reflect.Value) ([]byte, error) {
	if !v.CanInterface() {
		return b, errNotInterface
	}
	x := v.Interface()
	if v.CanAddr() {
		x = v.Addr().Interface()
	}
	j, err := json.Marshal(x)
	return append(b, j...), err
}

// appendTime is time.Time's MarshalJSON, appended in place.
func appendTime(b []byte, v reflect.Value) ([]byte, error) {
	if !v.CanInterface() {
		return b, errNotInterface
	}
	t, _ := reflect.TypeAssert[time.Time](v)
	b = append(b, '"')
	b, err := t.AppendText(b)
	return append(b, '"'), err
}

// appendMoney is cxq.Money's MarshalJSON, appended in place.
func appendMoney(b []byte, v reflect.Value) ([]byte, error) {
	if !v.CanInterface() {
		return b, errNotInterface
	}
	m, _ := reflect.TypeAssert[cxq.Money](v)
	b = append(b, '"')
	return append(m.AppendString(b), '"'), nil
}

func buildSlice(elem encoder) encoder {
	return func(b []byte, v reflect.Value) ([]byte, error) {
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		var err error
		for i := range v.Len() {
			if i > 0 {
				b = append(b, ',')
			}
			if b, err = elem(b, v.Index(i)); err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	}
}

// buildMap encodes a map with string keys as Marshal does, its keys in byte order;
// any other key goes to encoding/json.
func buildMap(t reflect.Type, building map[reflect.Type]*encoder) encoder {
	if t.Key().Kind() != reflect.String {
		return fallback
	}
	if t.Elem().Kind() == reflect.String && !hasMethods(t.Elem()) {
		return appendStringMap
	}
	elem := build(t.Elem(), building)
	return func(b []byte, v reflect.Value) ([]byte, error) {
		if v.IsNil() {
			return append(b, "null"...), nil
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(x.String(), y.String()) })
		b = append(b, '{')
		var err error
		for i, k := range keys {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(appendString(b, k.String()), ':')
			if b, err = elem(b, v.MapIndex(k)); err != nil {
				return b, err
			}
		}
		return append(b, '}'), nil
	}
}

// appendStringMap encodes a map of strings by string keys (facts, assignments) as
// Marshal does, reading it through one key and one value rather than a copy of each.
func appendStringMap(b []byte, v reflect.Value) ([]byte, error) {
	if v.IsNil() {
		return append(b, "null"...), nil
	}
	var it reflect.MapIter
	it.Reset(v)
	k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
	var room [8][2]string
	pairs := room[:0]
	for it.Next() {
		k.SetIterKey(&it)
		e.SetIterValue(&it)
		pairs = append(pairs, [2]string{k.String(), e.String()})
	}
	slices.SortFunc(pairs, func(x, y [2]string) int { return strings.Compare(x[0], y[0]) })
	b = append(b, '{')
	for i, p := range pairs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(appendString(b, p[0]), ':')
		b = appendString(b, p[1])
	}
	return append(b, '}'), nil
}
