package voucherhttp

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
)

// errTimeFormat is the problem of a time or date in a body that does not read as one;
// the field is the path of its JSON names.
var errTimeFormat = cxq.NewFieldError("", cxq.CodeFormat, nil,
	cxq.T("应为日期（如 2026-12-01）或 RFC 3339 时间（如 2026-12-01T09:30:00+08:00）",
		"must be a date such as 2026-12-01 or an RFC 3339 time such as 2026-12-01T09:30:00+08:00"))

// readTimes reads the times of a body decoded as type t the way a person or a client
// writes them: an RFC 3339 time, or a date YYYY-MM-DD that stands for the start of that
// day in China time; spaces around either are ignored and full-width digits read as the
// digits they are. It returns the body with every time in RFC 3339 (nil when body holds
// nothing to rewrite, or is not one JSON value), or the problem of the first time that
// does not read, naming its field.
func readTimes(body []byte, t reflect.Type) ([]byte, error) {
	v, ok := decodeLoose(body)
	if !ok || !oneValue(body) {
		return nil, nil
	}
	changed := false
	v, path, refused := walkJSON(v, t, "", func(v any, t reflect.Type, _ string) (any, bool) {
		if t != timeType || v == nil {
			return v, false
		}
		s, ok := v.(string)
		if !ok {
			return v, true
		}
		tm, ok := parseTime(s)
		if !ok {
			return v, true
		}
		out := tm.Format(time.RFC3339Nano)
		changed = changed || out != s
		return out, false
	})
	if refused {
		return nil, errTimeFormat.WithField(path)
	}
	if !changed {
		return nil, nil
	}
	return json.Marshal(v)
}

// parseTime reads s as an RFC 3339 time or a date in China time.
func parseTime(s string) (time.Time, bool) {
	s = cxq.Narrow(strings.TrimSpace(s))
	if d, err := time.ParseInLocation(time.DateOnly, s, cxq.China()); err == nil {
		return d, true
	}
	var tm time.Time
	q, _ := json.Marshal(s)
	if tm.UnmarshalJSON(q) != nil {
		return time.Time{}, false
	}
	return tm, true
}

// oneValue reports whether body holds a single JSON value.
func oneValue(body []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	var skip json.RawMessage
	return dec.Decode(&skip) == nil && !dec.More()
}
