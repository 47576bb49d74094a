package scenario

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// world is the programme a scenario runs in: one policy, the tianjin review workflows,
// a catalog that gains a provider and a product for every claim, the scenario's
// enterprises and one person per review role.
type world struct {
	svc      *voucher.Service
	clock    *Clock
	policy   policy.Policy
	mu       sync.Mutex
	ents     map[string]policy.Enterprise
	products map[string]catalog.Product
	provs    map[string]catalog.Provider
	claims   []claimRec // every claim the file makes, in order
	reds     []string   // every redemption that passed review, in order
	pubs     []string   // every list published, in order
	seq      int
}

// claimRec is one claim made: whose, the application, its provider and contract.
type claimRec struct {
	enterprise string
	app        string
	order      string
	provider   catalog.Provider
	contract   cxq.Money
	at         time.Time
}

// loadPolicy returns the policy the file names (a preset ID or a policy JSON file) with
// the file's policy changes set over it.
func loadPolicy(f File) (policy.Policy, error) {
	p, err := namedPolicy(f)
	if err != nil || len(f.PolicyChanges) == 0 {
		return p, err
	}
	dec := json.NewDecoder(bytes.NewReader(f.PolicyChanges))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return p, &LoadError{File: f.Path, Field: "policy_changes", Err: err}
	}
	if err := p.Validate(); err != nil {
		return p, &LoadError{File: f.Path, Field: "policy_changes", Err: err}
	}
	return p, nil
}

// namedPolicy returns the policy the file names: a preset ID or a policy JSON file.
func namedPolicy(f File) (policy.Policy, error) {
	if p, err := policy.Presets().Latest(f.Policy); err == nil {
		return p, nil
	}
	b, err := os.ReadFile(f.policyPath())
	if err != nil {
		return policy.Policy{}, &LoadError{File: f.Path, Field: "policy", Err: fmt.Errorf("neither a preset nor a readable policy file: %w", err)}
	}
	p, err := policy.Parse(b)
	if err != nil {
		return p, &LoadError{File: f.policyPath(), Field: "policy", Err: err}
	}
	return p, nil
}

func newWorld(f File, p policy.Policy, st voucher.Store) (*world, error) {
	reg, err := policy.NewRegistry(p)
	if err != nil {
		return nil, err
	}
	w := &world{clock: NewClock(time.Time{}, time.Microsecond), policy: p, ents: map[string]policy.Enterprise{},
		products: map[string]catalog.Product{}, provs: map[string]catalog.Provider{}}
	for _, e := range f.Enterprises {
		w.ents[e.ID] = w.enterprise(e)
	}
	w.svc, err = voucher.New(voucher.Config{Store: st, Now: w.clock.Now, IDs: &voucher.Sequence{},
		Catalog: w, Enterprises: w, People: voucher.PeopleOf(professional, expert, office, inspector),
		Audit: voucher.AuditKeys{Unkeyed: true}, // a scenario checks rules, not the trail's keys
		Programme: voucher.Programme{Policies: reg, Policy: p.ID,
			ApplicationFlow: review.TianjinApplication(), RedemptionFlow: review.TianjinRedemption()}})
	return w, err
}

// enterprise fills in the defaults of an eligible certified 科技型中小企业.
func (w *world) enterprise(e Enterprise) policy.Enterprise {
	a := w.policy.Area
	out := policy.Enterprise{ID: e.ID, Name: "企业" + e.ID, USCC: "91120000600037341Q", Certified: true,
		CertifiedUntil: time.Date(2100, 1, 1, 0, 0, 0, 0, cxq.China()), Staff: 10, Capital: cxq.Yuan(1000000),
		Place: policy.Place{Region: or(e.Region, a.Region), City: a.City, District: or(e.District, or(a.District, "市辖区"))},
		Held:  e.Held, Controller: e.Controller}
	if e.Region != "" && e.Region != a.Region {
		out.Place.City = ""
	}
	if e.Staff != nil {
		out.Staff = *e.Staff
	}
	revenue := cxq.Yuan(1000000)
	if e.Revenue != "" {
		revenue, _ = cxq.ParseMoney(e.Revenue) // checked by Parse
	}
	for y := 2000; y <= 2100; y++ {
		out.Revenue = append(out.Revenue, policy.YearAmount{Year: y, Amount: revenue})
	}
	if e.Capital != "" {
		out.Capital, _ = cxq.ParseMoney(e.Capital)
	}
	switch e.CertifiedUntil {
	case "":
	case "none":
		out.Certified = false
	default:
		out.CertifiedUntil, _ = date(e.CertifiedUntil)
	}
	return out
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Enterprise implements voucher.Enterprises.
func (w *world) Enterprise(_ context.Context, id string) (policy.Enterprise, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	e, ok := w.ents[id]
	if !ok {
		return e, fmt.Errorf("scenario: enterprise %q: %w", id, cxq.ErrNotFound)
	}
	return e, nil
}

// Product implements voucher.Catalog.
func (w *world) Product(_ context.Context, id string) (catalog.Product, catalog.Provider, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	p, ok := w.products[id]
	if !ok {
		return p, catalog.Provider{}, fmt.Errorf("scenario: product %q: %w", id, cxq.ErrNotFound)
	}
	return p, w.provs[p.ProviderID], nil
}

// addProduct lists a provider and a voucher product for a claim and returns the product.
func (w *world) addProduct(ent string, c Claim) catalog.Product {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.seq++
	a := w.policy.Area
	pv := catalog.Provider{ID: fmt.Sprintf("V%d", w.seq), Name: fmt.Sprintf("服务机构%d", w.seq),
		Region: catalog.Region(or(c.ProviderRegion, a.Region)), District: c.ProviderDistrict, Park: c.Park,
		CentralSOE: c.CentralSOE, Contact: "李静", Phone: "022-27401774"}
	if c.ProviderRegion == "" || c.ProviderRegion == a.Region {
		pv.City = a.City
	}
	p := catalog.Product{ID: fmt.Sprintf("P%d", w.seq), Name: "检测服务", ProviderID: pv.ID, Provider: pv.Name,
		Voucher: true, ServiceKind: c.ServiceKind, Category: catalog.Category{Top: "检验检测", Sub: "其他"},
		Price: catalog.Price{Amount: cxq.Yuan(100), Unit: "项"}}
	w.provs[pv.ID], w.products[p.ID] = pv, p
	if c.RelatedParty {
		e := w.ents[ent]
		e.Related = append(append([]policy.RelatedParty(nil), e.Related...), policy.RelatedParty{ID: pv.ID, Kind: "隶属"})
		w.ents[ent] = e
	}
	return p
}

// key returns a fresh idempotency key.
func (w *world) key() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.seq++
	return fmt.Sprintf("k%d", w.seq)
}

// The people of the programme, besides the enterprises and providers.
var (
	professional = voucher.Actor{ID: "r-pro", Role: voucher.RoleProfessional}
	expert       = voucher.Actor{ID: "r-exp", Role: voucher.RoleExpert}
	office       = voucher.Actor{ID: "office", Role: voucher.RoleCoordinator}
	inspector    = voucher.Actor{ID: "r-inspector", Role: voucher.RoleExpert} // reviews nothing: spot checks
)

func district(d string) voucher.Actor {
	return voucher.Actor{ID: "r-district-" + d, Role: voucher.RoleDistrict, District: d}
}

func enterpriseActor(id string) voucher.Actor {
	return voucher.Actor{ID: "u-" + id, Role: voucher.RoleEnterprise, Org: id}
}

func providerActor(id string) voucher.Actor {
	return voucher.Actor{ID: "u-" + id, Role: voucher.RoleProvider, Org: id}
}

var errNoClaim = errors.New("no such claim")
