package voucherhttp_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/voucherhttp"
)

// A portal mounts the voucher pages and API under a prefix of its own and says who is
// signed in from its own session; here a header stands in for the portal's session.
func Example() {
	products, _ := catalog.BundledProducts()
	providers, _ := catalog.BundledProviders()
	office := voucher.Actor{ID: "office-1", Role: voucher.RoleCoordinator, Name: "创新券管理办公室"}
	svc, err := voucher.New(voucher.Config{
		Store: memstore.New(), Now: time.Now,
		Catalog:     voucher.CatalogOf(products, providers),
		Enterprises: voucher.EnterprisesOf(),
		People:      voucher.PeopleOf(office),
		Programme: voucher.Programme{Policies: policy.Presets(), Policy: policy.PresetTianjin,
			ApplicationFlow: review.TianjinApplication(), RedemptionFlow: review.TianjinRedemption()},
		Audit: voucher.AuditKeys{Unkeyed: true}, // a demo; keep a real MAC key out of the database
	})
	if err != nil {
		panic(err)
	}
	h, err := voucherhttp.New(svc, voucherhttp.Options{
		Prefix: "/cxq/",
		Authenticate: func(r *http.Request) (voucher.Actor, error) {
			if r.Header.Get("X-Session") == "office-session" { // the portal's own session lookup
				return office, nil
			}
			return voucher.Actor{}, errors.New("not signed in")
		},
		Blobs: attachment.NewMemoryBlobs(),
	})
	if err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/cxq/", http.StripPrefix("/cxq", h))

	get := func(path, session string) {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("X-Session", session)
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		var body struct {
			Name   string `json:"name"`
			Errors []struct {
				Code string `json:"code"`
			} `json:"errors"`
		}
		_ = json.NewDecoder(rec.Body).Decode(&body)
		fmt.Println(path, rec.Code, rec.Header().Get("Location"), body.Name, body.Errors)
	}
	get("/cxq/api/me", "office-session")
	get("/cxq/api/applications", "")
	get("/cxq/user/", "") // a page: the person is sent to the portal's login
	// Output:
	// /cxq/api/me 200  创新券管理办公室 []
	// /cxq/api/applications 401   [{unauthenticated}]
	// /cxq/user/ 303 /login?next=%2Fcxq%2Fuser%2F  []
}
