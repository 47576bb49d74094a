package voucherhttp_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestPageChangesNeedTheirVersion: a change posted from a page without the version it was
// rendered with, or with one that is not a positive number, is refused with the field
// named and changes nothing; a stale one is a conflict.
func TestPageChangesNeedTheirVersion(t *testing.T) {
	s := newSite(t)
	a := submittedApplication(t, s)
	path := "/review/applications/" + a.ID
	for _, version := range []string{"", "abc", "0", "-1"} {
		v := url.Values{"key": {"k-" + version}, "action": {"approve"}}
		if version != "" {
			v.Set("version", version)
		}
		status, _, body := s.form("district", path, v)
		require.Equal(t, http.StatusBadRequest, status, "version %q", version)
		require.Contains(t, body, `data-field="version"`)
		require.Equal(t, a.Version, s.application(a.ID).Version, "nothing changed")
	}
	status, _, _ := s.form("district", path, url.Values{"key": {"k-stale"}, "action": {"approve"}, "version": {itoa(a.Version + 1)}})
	require.Equal(t, http.StatusConflict, status)
	require.Equal(t, a.Version, s.application(a.ID).Version)
}
