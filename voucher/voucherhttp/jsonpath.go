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
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return ""
	}
	path, _ := walkFailing(v, t, "")
	return path
}

func walkFailing(v any, t reflect.Type, path string) (string, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		raw, err := json.Marshal(v)
		if err != nil {
			return "", false
		}
		if err := reflect.New(t).Interface().(json.Unmarshaler).UnmarshalJSON(raw); err != nil {
			return path, true
		}
		return "", false
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return "", false
		}
		return walkStruct(obj, t, path)
	case reflect.Slice, reflect.Array:
		list, ok := v.([]any)
		if !ok {
			return "", false
		}
		for i, item := range list {
			if p, found := walkFailing(item, t.Elem(), path+"["+strconv.Itoa(i)+"]"); found {
				return p, true
			}
		}
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok || t.Key().Kind() != reflect.String {
			return "", false
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if p, found := walkFailing(obj[k], t.Elem(), join(path, k)); found {
				return p, true
			}
		}
	}
	return "", false
}

// walkStruct walks the members of obj that the fields of struct type t decode, embedded
// structs' fields among them, as encoding/json matches them (exactly, else ignoring case).
func walkStruct(obj map[string]any, t reflect.Type, path string) (string, bool) {
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
			if p, found := walkStruct(obj, ft, path); found {
				return p, true
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		v, ok := obj[name]
		if !ok {
			for k, kv := range obj {
				if strings.EqualFold(k, name) {
					v, ok = kv, true
					break
				}
			}
		}
		if !ok {
			continue
		}
		if p, found := walkFailing(v, f.Type, join(path, name)); found {
			return p, true
		}
	}
	return "", false
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
