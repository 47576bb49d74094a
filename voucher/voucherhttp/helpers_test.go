package voucherhttp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/cxqkit/cxq/internal/testfile"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/voucherhttp"
)

// site is a voucherhttp handler over a memstore Service with one enterprise, one
// provider and one person of every role, served by httptest. The tests say who asks
// with the X-Test-Person header, which only this test's Authenticate reads.
type site struct {
	t       *testing.T
	srv     *httptest.Server
	svc     *voucher.Service
	h       *voucherhttp.Handler
	people  map[string]voucher.Actor
	product catalog.Product
	now     time.Time
}

const testEnterprise = "ent-1"

func newSite(t *testing.T, opts ...func(*voucherhttp.Options)) *site {
	t.Helper()
	return newSiteWith(t, siteSetup{}, opts...)
}

// siteSetup changes what newSiteWith builds: more people (by the name tests ask as) and
// the policies instead of the presets (the programme's policy is then the first), or a
// whole programme.
type siteSetup struct {
	people    map[string]voucher.Actor
	policies  []policy.Policy
	programme *voucher.Programme
}

// newSiteOf is newSite running programme pr.
func newSiteOf(t *testing.T, pr voucher.Programme, opts ...func(*voucherhttp.Options)) *site {
	t.Helper()
	return newSiteWith(t, siteSetup{programme: &pr}, opts...)
}

// newSiteUnder is newSite running policy p instead of the tianjin preset (nil: the
// preset).
func newSiteUnder(t *testing.T, p *policy.Policy, opts ...func(*voucherhttp.Options)) *site {
	t.Helper()
	if p == nil {
		return newSite(t, opts...)
	}
	return newSiteWith(t, siteSetup{policies: []policy.Policy{*p}}, opts...)
}

func newSiteWith(t *testing.T, setup siteSetup, opts ...func(*voucherhttp.Options)) *site {
	t.Helper()
	products, err := catalog.BundledProducts()
	require.NoError(t, err)
	providers, err := catalog.BundledProviders()
	require.NoError(t, err)
	var prod catalog.Product
	for _, p := range products {
		if p.Voucher && p.ServiceKind == "" {
			prod = p
			break
		}
	}
	require.NotEmpty(t, prod.ID)
	people := map[string]voucher.Actor{
		"enterprise":   {ID: "u-ent", Role: voucher.RoleEnterprise, Org: testEnterprise, Name: "张三"},
		"provider":     {ID: "u-prov", Role: voucher.RoleProvider, Org: prod.ProviderID, Name: "服务机构甲"},
		"district":     {ID: "u-district", Role: voucher.RoleDistrict, District: "河西区", Name: "河西区科委"},
		"professional": {ID: "u-pro", Role: voucher.RoleProfessional, Name: "专业机构乙"},
		"expert":       {ID: "u-expert", Role: voucher.RoleExpert, Name: "专家丙"},
		"office":       {ID: "u-office", Role: voucher.RoleCoordinator, Name: "管理办公室"},
	}
	maps.Copy(people, setup.people)
	reg, prog := policy.Presets(), policy.PresetTianjin
	if len(setup.policies) > 0 {
		var err error
		reg, err = policy.NewRegistry(setup.policies...)
		require.NoError(t, err)
		prog = setup.policies[0].ID
	}
	programme := voucher.Programme{Policies: reg, Policy: prog,
		ApplicationFlow: review.TianjinApplication(), RedemptionFlow: review.TianjinRedemption()}
	if setup.programme != nil {
		programme = *setup.programme
	}
	list := make([]voucher.Actor, 0, len(people))
	for _, p := range people {
		list = append(list, p)
	}
	s := &site{t: t, people: people, product: prod, now: time.Date(2026, 3, 2, 9, 0, 0, 0, cxq.China())}
	svc, err := voucher.New(voucher.Config{
		Store: memstore.New(), Now: func() time.Time { return s.now },
		Catalog: voucher.CatalogOf(products, providers),
		Enterprises: voucher.EnterprisesOf(policy.Enterprise{ID: testEnterprise, Name: "天津测试科技有限公司", USCC: "91120000600037341Q",
			Certified: true, CertifiedUntil: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC),
			Place: policy.Place{Region: "天津", District: "河西区"}}),
		Programme: programme, Audit: voucher.AuditKeys{Unkeyed: true}, People: voucher.PeopleOf(list...),
	})
	require.NoError(t, err)
	s.svc = svc
	o := voucherhttp.Options{
		Authenticate: func(r *http.Request) (voucher.Actor, error) {
			if p, ok := people[r.Header.Get("X-Test-Person")]; ok {
				return p, nil
			}
			return voucher.Actor{}, errors.New("nobody")
		},
		Blobs: attachment.NewMemoryBlobs(),
		Reviewers: func(_ context.Context, role voucher.Role) ([]voucher.Actor, error) {
			var out []voucher.Actor
			for _, p := range list {
				if p.Role == role {
					out = append(out, p)
				}
			}
			return out, nil
		},
		Programme: "天津市科技创新券（测试）",
	}
	for _, f := range opts {
		f(&o)
	}
	h, err := voucherhttp.New(svc, o)
	require.NoError(t, err)
	s.h = h
	s.srv = httptest.NewServer(h)
	t.Cleanup(s.srv.Close)
	return s
}

// do sends a request as person (none for ""), with a JSON body when body is not nil
// (a []byte is sent as it is), and returns the status and the body.
func (s *site) do(person, method, path string, body any) (int, []byte) {
	s.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		require.NoError(s.t, err)
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, s.srv.URL+path, rd)
	require.NoError(s.t, err)
	if person != "" {
		req.Header.Set("X-Test-Person", person)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := s.srv.Client().Do(req)
	require.NoError(s.t, err)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	require.NoError(s.t, err)
	return resp.StatusCode, out
}

// ok sends a request that must succeed and decodes its answer into out (when not nil).
func (s *site) ok(person, method, path string, body, out any) {
	s.t.Helper()
	status, b := s.do(person, method, path, body)
	require.Equal(s.t, http.StatusOK, status, "%s %s as %s: %s", method, path, person, b)
	if out != nil {
		require.NoError(s.t, json.Unmarshal(b, out), "%s", b)
	}
}

// form posts a urlencoded form as person without following redirects, and returns the
// status, the Location and the body.
func (s *site) form(person, path string, v url.Values) (int, string, string) {
	s.t.Helper()
	return s.send(person, "POST", path, strings.NewReader(v.Encode()), "application/x-www-form-urlencoded")
}

// page gets a page as person and returns the status and the HTML.
func (s *site) page(person, path string) (int, string) {
	s.t.Helper()
	status, b := s.do(person, "GET", path, nil)
	return status, string(b)
}

func queryEscape(s string) string { return url.QueryEscape(s) }

// samplePDF is a small well-formed one-page PDF.
func samplePDF() []byte { return testfile.PDF("sample") }

// applicationForm is a complete 申请表 of the enterprise with its files uploaded: what the
// tests' applications are drafted with.
func (s *site) applicationForm() map[string]any {
	s.t.Helper()
	cert := s.upload("enterprise", voucher.SlotOrgCertificate, "证书.pdf", samplePDF())
	quote := s.upload("enterprise", voucher.SlotApplication, "报价单.pdf", samplePDF())
	return map[string]any{
		"contact": map[string]any{"name": "张三", "phone": "13800138000", "email": "zs@example.com"}, "org_certificate": cert,
		"contract_start": "2026-03-01T00:00:00+08:00", "contract_end": "2026-09-01T00:00:00+08:00",
		"estimated_amount": "10000.00", "requested_amount": "4000.00", "activity": "委托检测",
		"attachments": []voucher.AttachmentRef{quote}}
}
