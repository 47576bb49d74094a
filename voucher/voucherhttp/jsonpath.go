package voucherhttp

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// unmarshalerType is json.Unmarshaler: the types that read their own JSON (cxq.Money,
// cxq.Rate, times).
var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// failingPath finds where in body a value that reads its own JSON refused it, as the path
// of JSON names ("invoice.amount", "items[2].price"), decoding into a value of t; "" when
// no such value refuses. encoding/json reports an Unmarshaler's error without saying
// where it stood, so a problem such as a malformed amount would otherwise name no field.
func failingPath(body []byte, t reflect.Type) string {
	v, ok := decodeLoose(body)
	if !ok {
		return ""
	}
	_, path, _ := walkJSON(v, t, "", refuses)
	return path
}

// decodeLoose decodes the first JSON value of body, keeping numbers as they were written.
func decodeLoose(body []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil, false
	}
	return v, true
}

// refuses is the leaf of failingPath: whether the value of type t that reads its own JSON
// refuses v.
func refuses(v any, t reflect.Type, _ string) (any, bool) {
	raw, err := json.Marshal(v)
	if err != nil {
		return v, false
	}
	return v, reflect.New(t).Interface().(json.Unmarshaler).UnmarshalJSON(raw) != nil
}

// leafFunc is called by walkJSON on every value v at path that a type t reading its own
// JSON decodes: it returns what is to stand there instead (v to keep it) and whether v is
// refused, which ends the walk.
type leafFunc func(v any, t reflect.Type, path string) (any, bool)

// walkJSON walks v, a decoded JSON value, as a value of type t decodes it, calling leaf
// on every value a type reading its own JSON decodes and putting what leaf returns in
// its place. It returns v (changed in place, or the root's replacement) and, when leaf
// refused a value, its path.
func walkJSON(v any, t reflect.Type, path string, leaf leafFunc) (any, string, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		nv, refused := leaf(v, t, path)
		if refused {
			return v, path, true
		}
		return nv, "", false
	}
	switch t.Kind() {
	case reflect.Struct:
		if obj, ok := v.(map[string]any); ok {
			p, found := walkStruct(obj, t, path, leaf)
			return v, p, found
		}
	case reflect.Slice, reflect.Array:
		list, _ := v.([]any)
		for i, item := range list {
			nv, p, found := walkJSON(item, t.Elem(), path+"["+strconv.Itoa(i)+"]", leaf)
			if found {
				return v, p, true
			}
			list[i] = nv
		}
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok || t.Key().Kind() != reflect.String {
			return v, "", false
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			nv, p, found := walkJSON(obj[k], t.Elem(), join(path, k), leaf)
			if found {
				return v, p, true
			}
			obj[k] = nv
		}
	}
	return v, "", false
}

// walkStruct walks the members of obj that the fields of struct type t decode, embedded
// structs' fields among them, as encoding/json matches them (exactly, else ignoring case).
func walkStruct(obj map[string]any, t reflect.Type, path string, leaf leafFunc) (string, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() && !f.Anonymous {
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if f.Anonymous && name == "" && ft.Kind() == reflect.Struct && !reflect.PointerTo(ft).Implements(unmarshalerType) {
			if p, found := walkStruct(obj, ft, path, leaf); found {
				return p, true
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		key, ok := name, false
		if _, ok = obj[name]; !ok {
			for k := range obj {
				if strings.EqualFold(k, name) {
					key, ok = k, true
					break
				}
			}
		}
		if !ok {
			continue
		}
		nv, p, found := walkJSON(obj[key], f.Type, join(path, name), leaf)
		if found {
			return p, true
		}
		obj[key] = nv
	}
	return "", false
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
