// Package jsonenc appends the JSON encoding of plain data — byte for byte what
// encoding/json's Marshal writes — without Marshal's per-value costs: the encoder of a
// type is built once from its struct tags, amounts (cxq.Money) and times are appended in
// place instead of through their MarshalJSON methods (each of which allocates, and
// whose output Marshal then scans again), and strings are escaped as Marshal escapes
// them (HTML characters, U+2028 and U+2029, invalid UTF-8).
//
// What it does not build an encoder for — floats, arrays, []byte, interfaces, maps with
// other than string keys, any other type with a MarshalJSON or MarshalText method, a
// struct whose field names collide, use the ",string" option or are promoted through an
// embedded pointer — it hands to encoding/json, value by value, with the same
// addressability Marshal would see; so the output is Marshal's in every case. Records
// hash what this writes (voucher's content hashes), and a property test holds it to
// Marshal's bytes.
package jsonenc
