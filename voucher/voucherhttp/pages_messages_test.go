package voucherhttp_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/notify"
)

// deliver runs one pass of a delivery worker into the site's inboxes.
func (s *site) deliver() {
	s.t.Helper()
	st := s.svc.Store()
	w, err := notify.New(notify.Config{Store: st, Notifier: notify.Inbox{Store: st, Now: s.svc.Now}, Now: s.svc.Now})
	require.NoError(s.t, err)
	_, err = w.RunOnce(context.Background())
	require.NoError(s.t, err)
}

// The inbox page lists the enterprise's messages with the unread count in the menu, and
// marks one read by POST; another person cannot mark it.
func TestMessagesPage(t *testing.T) {
	s := newSite(t)
	app := apiFlowApproved(t, s)
	s.deliver()

	status, html := s.page("enterprise", "/user/applications")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, html, "站内消息（3 条未读）", "the menu counts the unread messages")
	status, html = s.page("enterprise", "/messages")
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, html, "审核通过，创新券金额 4000.00 元")
	require.Equal(t, 3, strings.Count(html, `class="unread"`))
	require.Contains(t, html, `href="/user/applications/`+app+`"`, "a message links to its record")

	var in voucher.Inbox
	s.ok("enterprise", "GET", "/api/messages", nil, &in)
	require.Equal(t, 3, in.Unread)
	id := in.Items[0].ID
	status, _, _ = s.form("provider", "/messages/"+url.PathEscape(id)+"/read", url.Values{"key": {"k-other"}})
	require.Equal(t, http.StatusNotFound, status, "another person's message")
	status, loc, _ := s.form("enterprise", "/messages/"+url.PathEscape(id)+"/read", url.Values{"key": {"k-1"}, "page": {"1"}})
	require.Equal(t, http.StatusSeeOther, status)
	require.Equal(t, "/messages?page=1", loc)
	_, html = s.page("enterprise", "/messages?unread=1")
	require.Equal(t, 2, strings.Count(html, `class="unread"`))
	require.Contains(t, html, "站内消息（2 条未读）")

	_, html = s.page("professional", "/messages")
	require.Contains(t, html, "待您审核", "the assigned reviewer hears of the record")
	require.Contains(t, html, `href="/review/applications/`+app+`"`)
	require.NotContains(t, html, "4000.00 元")
}

// The JSON inbox: the list with its unread count, and mark-as-read answering the count.
func TestMessagesAPI(t *testing.T) {
	s := newSite(t)
	apiFlowApproved(t, s)
	s.deliver()
	var in voucher.Inbox
	s.ok("enterprise", "GET", "/api/messages?unread=1&per_page=2", nil, &in)
	require.Equal(t, 3, in.Total)
	require.Len(t, in.Items, 2)
	var read struct {
		ID     string `json:"id"`
		Unread int    `json:"unread"`
	}
	s.ok("enterprise", "POST", "/api/messages/"+url.PathEscape(in.Items[0].ID)+"/read", map[string]any{}, &read)
	require.Equal(t, 2, read.Unread)
	status, _ := s.do("district", "POST", "/api/messages/"+url.PathEscape(in.Items[1].ID)+"/read", map[string]any{})
	require.Equal(t, http.StatusNotFound, status)
	status, _ = s.do("", "GET", "/api/messages", nil)
	require.Equal(t, http.StatusUnauthorized, status)
}
