package jsonenc

import (
	"reflect"
	"strings"
	"time"
	"unicode"

	"github.com/cxqkit/cxq"
)

// field is one encoded field of a struct: where it lies (through embedded structs), its
// key as written, when it is left out, and its encoder.
type field struct {
	index     []int
	key       []byte // the quoted, escaped name and ':'
	omitEmpty bool
	isZero    func(reflect.Value) bool // nil unless the field has omitzero
	enc       encoder
}

// buildStruct encodes a struct as Marshal does: its exported fields and those promoted
// from untagged embedded structs, in declaration order, under their tag names, with
// omitempty and omitzero. A struct Marshal would resolve by its dominance rules (two
// fields of one name), by the ",string" option or through an embedded pointer goes to
// encoding/json whole.
func buildStruct(t reflect.Type, building map[reflect.Type]*encoder) encoder {
	fields, ok := structFields(t, nil, building)
	names := map[string]bool{}
	for _, f := range fields {
		if names[string(f.key)] {
			ok = false
		}
		names[string(f.key)] = true
	}
	if !ok {
		return fallback
	}
	return func(b []byte, v reflect.Value) ([]byte, error) {
		b = append(b, '{')
		first, err := true, error(nil)
		for i := range fields {
			f := &fields[i]
			fv := v
			for _, j := range f.index {
				fv = fv.Field(j)
			}
			if (f.omitEmpty && isEmpty(fv)) || (f.isZero != nil && f.isZero(fv)) {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, f.key...)
			if b, err = f.enc(b, fv); err != nil {
				return b, err
			}
		}
		return append(b, '}'), nil
	}
}

// structFields lists the fields of t (reached at index) and reports false for what
// buildStruct leaves to encoding/json.
func structFields(t reflect.Type, index []int, building map[reflect.Type]*encoder) ([]field, bool) {
	var out []field
	for i := range t.NumField() {
		sf := t.Field(i)
		ft := sf.Type
		if ft.Name() == "" && ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case sf.Anonymous && !sf.IsExported() && ft.Kind() != reflect.Struct, !sf.Anonymous && !sf.IsExported():
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if !validName(name) {
			name = ""
		}
		at := append(index[:len(index):len(index)], i)
		if name == "" && sf.Anonymous && ft.Kind() == reflect.Struct {
			if ft != sf.Type { // promoted through a pointer, which may be nil
				return nil, false
			}
			inner, ok := structFields(ft, at, building)
			if !ok {
				return nil, false
			}
			out = append(out, inner...)
			continue
		}
		if hasOption(opts, "string") {
			return nil, false
		}
		if name == "" {
			name = sf.Name
		}
		f := field{index: at, key: append(appendString(nil, name), ':'), omitEmpty: hasOption(opts, "omitempty"),
			enc: build(sf.Type, building)}
		if hasOption(opts, "omitzero") {
			f.isZero = zeroTest(sf.Type)
		}
		out = append(out, f)
	}
	return out, true
}

func hasOption(opts, want string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == want {
			return true
		}
	}
	return false
}

// validName is encoding/json's test of a tag name.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// isEmpty is what omitempty leaves out, as encoding/json decides it.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64,
		reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

type isZeroer interface{ IsZero() bool }

var isZeroerType = reflect.TypeFor[isZeroer]()

// zeroTest is what omitzero leaves out, as encoding/json decides it: the type's own
// IsZero when it has one, else the zero value.
func zeroTest(t reflect.Type) func(reflect.Value) bool {
	switch {
	case t == moneyType:
		return func(v reflect.Value) bool { return v.CanInterface() && isZero[cxq.Money](v) }
	case t == timeType:
		return func(v reflect.Value) bool { return v.CanInterface() && isZero[time.Time](v) }
	case t.Kind() == reflect.Interface && t.Implements(isZeroerType):
		return func(v reflect.Value) bool {
			return v.IsNil() || (v.Elem().Kind() == reflect.Pointer && v.Elem().IsNil()) || v.Interface().(isZeroer).IsZero()
		}
	case t.Kind() == reflect.Pointer && t.Implements(isZeroerType):
		return func(v reflect.Value) bool { return v.IsNil() || v.Interface().(isZeroer).IsZero() }
	case t.Implements(isZeroerType):
		return func(v reflect.Value) bool { return v.Interface().(isZeroer).IsZero() }
	case reflect.PointerTo(t).Implements(isZeroerType):
		return func(v reflect.Value) bool {
			if !v.CanAddr() {
				v2 := reflect.New(v.Type()).Elem()
				v2.Set(v)
				v = v2
			}
			return v.Addr().Interface().(isZeroer).IsZero()
		}
	}
	return reflect.Value.IsZero
}

// isZero is IsZero of a value of a type known here, read without boxing it.
func isZero[T isZeroer](v reflect.Value) bool {
	x, _ := reflect.TypeAssert[T](v)
	return x.IsZero()
}
