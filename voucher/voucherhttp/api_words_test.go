package voucherhttp_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestProblemsSpeakToPeople: the words of a refused request name what a person typed or
// sent, in Chinese and English, never a parameter's or a field's internal name alone,
// and never an empty field.
func TestProblemsSpeakToPeople(t *testing.T) {
	s := newSite(t)
	type problem struct {
		Field string `json:"field"`
		Code  string `json:"code"`
		ZH    string `json:"message_zh"`
	}
	read := func(body []byte) []problem {
		var out struct {
			Errors []problem `json:"errors"`
		}
		require.NoError(t, json.Unmarshal(body, &out), "%s", body)
		require.NotEmpty(t, out.Errors, "%s", body)
		return out.Errors
	}
	status, body := s.do("enterprise", "GET", "/api/applications?page=0&per_page=x", nil)
	require.Equal(t, http.StatusBadRequest, status)
	ps := read(body)
	require.Len(t, ps, 2)
	require.Equal(t, "page", ps[0].Field)
	require.Contains(t, ps[0].ZH, "页码")
	require.Contains(t, ps[1].ZH, "每页条数")
	for _, p := range ps {
		require.NotContains(t, p.ZH, "page", "the Chinese message names the parameter in Chinese")
	}

	s.ok("enterprise", "GET", "/api/applications?page=%EF%BC%91", nil, nil) // page=１, typed full-width

	for _, body := range []string{`[1, 2]`, `"text"`, `12`} {
		status, answer := s.do("enterprise", "POST", "/api/applications", []byte(body))
		require.Equal(t, http.StatusBadRequest, status, body)
		for _, p := range read(answer) {
			require.NotEmpty(t, p.Field, "%s: %s", body, answer)
			require.False(t, strings.Contains(p.ZH, "  "), "no blank where a field name should be: %s", answer)
		}
	}
}
