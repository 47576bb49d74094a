package voucherhttp_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAPIRefusesWhatItWouldIgnore: a query parameter an operation does not read, a
// queue that is neither 1 nor 0, and a budget whose year is not its path's are refused
// with a field error instead of being silently ignored.
func TestAPIRefusesWhatItWouldIgnore(t *testing.T) {
	s := newSite(t)
	for path, want := range map[string]string{
		"/api/applications?queue=x":        `"field":"queue","code":"bad_format"`,
		"/api/redemptions?queue=yes":       `"field":"queue","code":"bad_format"`,
		"/api/statistics?year=x":           `"field":"year","code":"unknown_param","params":{"accepted":"policy","param":"year"}`,
		"/api/applications?queue=1&sort=x": `"field":"sort","code":"unknown_param"`,
	} {
		status, body := s.do("office", "GET", path, nil)
		require.Equal(t, http.StatusBadRequest, status, "%s: %s", path, body)
		require.Contains(t, string(body), want, path)
	}
	for _, path := range []string{"/api/applications?queue=1", "/api/applications?queue=0", "/api/statistics?policy=",
		"/api/me?as=office"} {
		status, body := s.do("office", "GET", path, nil)
		require.Equal(t, http.StatusOK, status, "%s: %s", path, body)
	}

	status, body := s.do("office", "POST", "/api/budgets/2028", map[string]any{"budget": map[string]any{"year": 2029, "total": "9000.00"}})
	require.Equal(t, http.StatusBadRequest, status, "%s", body)
	require.Contains(t, string(body), `"field":"budget.year","code":"year_mismatch","params":{"year":"2028"}`)
	for _, year := range []string{"2028", "2029"} {
		status, _ = s.do("office", "GET", "/api/budgets/"+year, nil)
		require.Equal(t, http.StatusNotFound, status, "nothing was saved under %s", year)
	}
	s.ok("office", "POST", "/api/budgets/2028", map[string]any{"budget": map[string]any{"year": 2028, "total": "9000.00"}}, nil)
}
