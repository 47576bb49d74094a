package voucherhttp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/internal/testfile"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/voucherhttp"
)

func TestUploadRefusals(t *testing.T) {
	s := newSite(t)
	for _, tc := range []struct {
		name, person, query string
		body                []byte
		status              int
		code, field         string
	}{
		{"unknown slot", "enterprise", "slot=nope&name=a.pdf", samplePDF(), http.StatusBadRequest, `"code":"invalid"`, "slot"},
		{"over the slot's limit", "enterprise", "slot=org_certificate&name=a.pdf",
			append(samplePDF(), bytes.Repeat([]byte{' '}, 1<<20)...), http.StatusBadRequest, `"code":"file_too_large"`, "body"},
		{"not what its name says", "enterprise", "slot=org_certificate&name=a.pdf", []byte("<html><script>x</script>"),
			http.StatusBadRequest, `"code":"file_type_mismatch"`, "body"},
		{"empty", "enterprise", "slot=org_certificate&name=a.pdf", nil, http.StatusBadRequest, `"code":"file_empty"`, "body"},
		{"a name with a separator", "enterprise", "slot=org_certificate&name=a%2Fb.pdf", samplePDF(), http.StatusBadRequest,
			`"code":"file_name_invalid"`, "name"},
		{"a reviewer uploads nothing", "district", "slot=org_certificate&name=a.pdf", samplePDF(), http.StatusForbidden, "", ""},
		{"nobody signed in", "", "slot=org_certificate&name=a.pdf", samplePDF(), http.StatusUnauthorized, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, body := s.do(tc.person, "POST", "/api/attachments?"+tc.query, tc.body)
			require.Equal(t, tc.status, status, "%s", body)
			require.Contains(t, string(body), tc.code)
			if tc.field != "" {
				require.Contains(t, string(body), `"field":"`+tc.field+`"`, "the part of the request at fault")
			}
			require.NotContains(t, string(body), "attachment.", "no Go names")
		})
	}
}

// blockingBody is an upload body that says when it is first read (the upload then holds
// its turn: the handler takes the turn before reading) and yields nothing until released.
type blockingBody struct {
	reading chan struct{}
	once    *sync.Once
	release chan struct{}
}

func (b blockingBody) Read(p []byte) (int, error) {
	b.once.Do(func() { close(b.reading) })
	<-b.release
	return 0, io.EOF
}

// TestUploadsAreBoundedInConcurrency: with MaxUploads 1, a second upload waits for the
// first and gives up with 503 when its request's deadline passes; nothing is recorded.
func TestUploadsAreBoundedInConcurrency(t *testing.T) {
	s := newSite(t, func(o *voucherhttp.Options) { o.MaxUploads = 1 })
	first := blockingBody{reading: make(chan struct{}), once: new(sync.Once), release: make(chan struct{})}
	done := make(chan int)
	go func() {
		req := httptest.NewRequest("POST", "/api/attachments?slot=org_certificate&name=a.pdf", first)
		req.Header.Set("X-Test-Person", "enterprise")
		rec := httptest.NewRecorder()
		s.h.ServeHTTP(rec, req)
		done <- rec.Code
	}()
	<-first.reading // the first upload holds the only turn
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, "POST", "/api/attachments?slot=org_certificate&name=b.pdf",
		bytes.NewReader(samplePDF()))
	req.Header.Set("X-Test-Person", "enterprise")
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusServiceUnavailable, rec.Code, rec.Body.String())
	close(first.release)
	require.Equal(t, http.StatusBadRequest, <-done, "the first, empty, is refused by the checker")
	// A turn is free again.
	s.upload("enterprise", voucher.SlotOrgCertificate, "c.pdf", samplePDF())
}

// TestDownloadServesOnlyNamedFilesAsAttachments: a file is served to who may see the
// record naming it, as an attachment with its checked type and nosniff; a file the
// record does not name, or a record the person may not see, is not found.
func TestDownloadServesOnlyNamedFilesAsAttachments(t *testing.T) {
	s := newSite(t)
	f := apiFlow(t, s)
	cert := f.app.Form.OrgCertificate
	other := s.upload("enterprise", voucher.SlotOrgCertificate, "其他.pdf", samplePDF())
	for _, person := range []string{"enterprise", "district", "professional", "office"} {
		req, err := http.NewRequest("GET", s.srv.URL+"/api/applications/"+f.app.ID+"/files/"+cert.ID, nil)
		require.NoError(t, err)
		req.Header.Set("X-Test-Person", person)
		resp, err := s.srv.Client().Do(req)
		require.NoError(t, err)
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode, person)
		require.Equal(t, samplePDF(), body)
		require.Equal(t, "application/pdf", resp.Header.Get("Content-Type"))
		require.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
		require.True(t, strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;"), resp.Header.Get("Content-Disposition"))
	}
	status, _ := s.do("enterprise", "GET", "/api/applications/"+f.app.ID+"/files/"+other.ID, nil)
	require.Equal(t, http.StatusNotFound, status, "uploaded but not named by the record")
	status, _ = s.do("expert", "GET", "/api/applications/"+f.app.ID+"/files/"+cert.ID, nil)
	require.Equal(t, http.StatusNotFound, status, "the expert reviews the redemption, not the application")
}

// TestRequiredSlotsAgree: the slots the Service requires among a redemption's other files
// are exactly the ones the upload slots mark as not optional.
func TestRequiredSlotsAgree(t *testing.T) {
	for _, name := range []string{voucher.SlotServiceProof, voucher.SlotProjectSummary, voucher.SlotBankReceipt} {
		slot, ok := attachment.DefaultSlots().Get(attachment.SlotName(name))
		require.True(t, ok, name)
		require.Equal(t, !slot.Optional, slices.Contains(voucher.RequiredFileSlots(), name), name)
	}
}

// TestUploadRetryReturnsTheFirst: the same upload sent twice with one Idempotency-Key
// answers the first upload's reference both times (a client that lost the answer may
// retry); another file under that key is refused.
func TestUploadRetryReturnsTheFirst(t *testing.T) {
	s := newSite(t)
	send := func(body []byte) (int, voucherhttp.Uploaded) {
		req, err := http.NewRequest("POST", s.srv.URL+"/api/attachments?slot=org_certificate&name=a.pdf", bytes.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("X-Test-Person", "enterprise")
		req.Header.Set("Idempotency-Key", "upload-1")
		resp, err := s.srv.Client().Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		var up voucherhttp.Uploaded
		_ = json.NewDecoder(resp.Body).Decode(&up)
		return resp.StatusCode, up
	}
	status, first := send(samplePDF())
	require.Equal(t, http.StatusOK, status)
	status, again := send(samplePDF())
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, first, again)
	status, _ = send(testfile.PDF("another file"))
	require.Equal(t, http.StatusBadRequest, status, "the key is bound to its first file")
}
