// Package deepcopy copies plain data deeply: the stores keep records as typed values and
// hand out copies that share no map, slice or pointer with what they keep.
package deepcopy

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sync"
	"time"
)

// Copy returns a deep copy of v: no map, slice or pointer of the copy is shared with v,
// so neither a caller editing what it was given nor a store keeping its own copy can
// change the other's — what a JSON round trip gives, at a fraction of its cost. A type
// holding a channel, a function or an unexported reference other than a time.Time's
// location cannot be copied and panics on first use (stores only hold plain data).
func Copy[T any](v T) T {
	Detach(&v)
	return v
}

// New returns a new variable holding a deep copy of v: Copy for a caller that keeps the
// copy by pointer, made in one allocation.
func New[T any](v T) *T {
	p := new(T)
	*p = v
	Detach(p)
	return p
}

// Detach replaces every map, slice and pointer *p holds by a fresh copy, so that *p
// shares none with the value it was copied from: Copy in place. A store that already
// holds its own heap variable for a value (p) detaches it there, without the copy of
// the whole value that Copy returns.
func Detach[T any](p *T) {
	if fix := fixerOf(reflect.TypeFor[T]()); fix != nil {
		fix(reflect.ValueOf(p).Elem())
	}
}

// fixer replaces, in place, every reference a settable value holds by a fresh copy.
type fixer func(v reflect.Value)

var (
	fixersMu sync.Mutex
	fixers   sync.Map // reflect.Type → fixer (nil: nothing to copy)
)

// fixerOf returns the fixer of t, nil when a shallow copy of t is already deep.
func fixerOf(t reflect.Type) fixer {
	if f, ok := fixers.Load(t); ok {
		return f.(fixer)
	}
	fixersMu.Lock()
	defer fixersMu.Unlock()
	return build(t, map[reflect.Type]*fixer{})
}

var timeType = reflect.TypeFor[time.Time]()

// build makes the fixer of t; building holds the types under construction, so a
// recursive type refers to its own fixer.
func build(t reflect.Type, building map[reflect.Type]*fixer) fixer {
	if f, ok := fixers.Load(t); ok {
		return f.(fixer)
	}
	if p, ok := building[t]; ok {
		return func(v reflect.Value) { (*p)(v) }
	}
	var f fixer
	building[t] = &f
	f = buildKind(t, building)
	delete(building, t)
	fixers.Store(t, f)
	return f
}

func buildKind(t reflect.Type, building map[reflect.Type]*fixer) fixer {
	switch t.Kind() {
	case reflect.Struct:
		return buildStruct(t, building)
	case reflect.Pointer:
		elem := build(t.Elem(), building)
		return func(v reflect.Value) {
			if v.IsNil() {
				return
			}
			n := reflect.New(t.Elem())
			n.Elem().Set(v.Elem())
			if elem != nil {
				elem(n.Elem())
			}
			v.Set(n)
		}
	case reflect.Slice:
		return buildSlice(t, build(t.Elem(), building))
	case reflect.Map:
		if build(t.Key(), building) != nil {
			panic(fmt.Sprintf("deepcopy: cannot copy %s: its keys hold references", t))
		}
		return buildMap(t, build(t.Elem(), building))
	case reflect.Array:
		elem := build(t.Elem(), building)
		if elem == nil {
			return nil
		}
		return func(v reflect.Value) {
			for i := range v.Len() {
				elem(v.Index(i))
			}
		}
	case reflect.Interface:
		return func(v reflect.Value) {
			if v.IsNil() {
				return
			}
			n := reflect.New(v.Elem().Type()).Elem()
			n.Set(v.Elem())
			if f := fixerOf(n.Type()); f != nil {
				f(n)
			}
			v.Set(n)
		}
	case reflect.Chan, reflect.Func, reflect.UnsafePointer:
		panic(fmt.Sprintf("deepcopy: cannot copy a value of type %s", t))
	}
	return nil // booleans, numbers, strings
}

// buildStruct fixes the fields that hold references; a time.Time is a value (its
// location is shared and never changes).
func buildStruct(t reflect.Type, building map[reflect.Type]*fixer) fixer {
	if t == timeType {
		return nil
	}
	type field struct {
		i   int
		fix fixer
	}
	var fields []field
	for i := range t.NumField() {
		sf := t.Field(i)
		f := build(sf.Type, building)
		if f == nil {
			continue
		}
		if !sf.IsExported() {
			panic(fmt.Sprintf("deepcopy: cannot copy %s: its unexported field %s holds references", t, sf.Name))
		}
		fields = append(fields, field{i, f})
	}
	if len(fields) == 0 {
		return nil
	}
	return func(v reflect.Value) {
		for _, f := range fields {
			f.fix(v.Field(f.i))
		}
	}
}

// The fixers are handed addressable values only (Copy's own variable and what lies
// inside it, or values made by reflect.New), so the common plain types are copied
// through a typed pointer to the value, without boxing it in an interface.
var (
	stringsType   = reflect.TypeFor[[]string]()
	stringMapType = reflect.TypeFor[map[string]string]()
)

func buildSlice(t reflect.Type, elem fixer) fixer {
	if t == stringsType {
		return func(v reflect.Value) {
			p := v.Addr().Interface().(*[]string)
			if *p != nil {
				*p = slices.Clone(*p)
			}
		}
	}
	return func(v reflect.Value) {
		if v.IsNil() {
			return
		}
		n := reflect.MakeSlice(t, v.Len(), v.Len())
		reflect.Copy(n, v)
		if elem != nil {
			for i := range n.Len() {
				elem(n.Index(i))
			}
		}
		v.Set(n)
	}
}

func buildMap(t reflect.Type, elem fixer) fixer {
	if t == stringMapType {
		return func(v reflect.Value) {
			p := v.Addr().Interface().(*map[string]string)
			*p = maps.Clone(*p) // nil stays nil
		}
	}
	return func(v reflect.Value) {
		if v.IsNil() {
			return
		}
		n := reflect.MakeMapWithSize(t, v.Len())
		it := v.MapRange()
		for it.Next() {
			val := it.Value()
			if elem != nil {
				c := reflect.New(t.Elem()).Elem()
				c.Set(val)
				elem(c)
				val = c
			}
			n.SetMapIndex(it.Key(), val)
		}
		v.Set(n)
	}
}
