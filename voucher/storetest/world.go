package storetest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/scenario"
)

// TB is what a World reports failures to: a *testing.T, *testing.B or *rapid.T.
type TB interface {
	require.TestingT
	Helper()
}

// Clock is a test clock that moves a step forward on every reading: a World's moves a
// second, so that recorded times are distinct and ordered; one without a step stands
// still until Set moves it. Set moves it anywhere. It is the scenarios' clock.
type Clock = scenario.Clock

// NewClock returns a clock at start that moves step forward on every reading.
func NewClock(start time.Time, step time.Duration) *Clock { return scenario.NewClock(start, step) }

// World is a small voucher programme over one Store: the Tianjin policy and workflows,
// a marketplace with a voucher product (P1) and one without the badge (P2), two
// certified enterprises in different districts (E1's actual controller is C1), and one
// person for every role.
type World struct {
	T     TB
	Store voucher.Store
	Svc   *voucher.Service
	Clock *Clock

	// Policy is the policy the World runs; Redeemer is who redeems E1's vouchers under
	// it (Enterprise, or Provider under provider redemption).
	Policy   policy.Policy
	Redeemer voucher.Actor

	Enterprise, Other             voucher.Actor // E1 (河西区) and E2 (南开区)
	Provider                      voucher.Actor // V1, provider of P1 and P2
	District, OtherDistrict       voucher.Actor // reviewers of 河西区 and 南开区
	Professional, Expert, Office  voucher.Actor
	SecondProfessional, SecondExp voucher.Actor

	// Logs receives the service's log lines (denials).
	Logs *LogBuffer

	seq int
	mu  sync.Mutex
}

// LogBuffer collects log lines written from many goroutines: writes and reads are
// serialised, so a test may read it while a server is still writing. The zero value is
// empty and ready.
type LogBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (l *LogBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String returns what was written.
func (l *LogBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Start of the test calendar: 2025-03-01 09:00 China Standard Time.
var Start = time.Date(2025, 3, 1, 1, 0, 0, 0, time.UTC)

// WorldPolicy returns the policy the World runs: the Tianjin preset with the usage
// rules of a voucher valid for six months (unused rest revoked, no claim the next year),
// so that deadlines have something to do.
func WorldPolicy() policy.Policy {
	p := policy.Tianjin()
	p.Usage = policy.UsageRules{ValidMonths: 6, UnusedBan: policy.NextYear}
	return p
}

// WorldKeys are the World's audit keys: a fixed MAC key and a checkpoint signer made from
// a fixed seed, so that the suite runs keyed and a test can verify checkpoints.
func WorldKeys() voucher.AuditKeys {
	return voucher.AuditKeys{
		MAC:    []byte("storetest world audit key 0123456789"),
		Signer: ed25519.NewKeyFromSeed([]byte("storetest world checkpoint seed.")),
	}
}

// NewWorld builds a World over st running WorldPolicy. It does not close st.
func NewWorld(t TB, st voucher.Store) *World { return NewWorldFor(t, st, WorldPolicy()) }

// NewWorldFor builds a World over st running p, with the enterprises and the provider
// in p's area (the provider in its district, when the area names one).
func NewWorldFor(t TB, st voucher.Store, p policy.Policy) *World {
	t.Helper()
	return NewWorldConfigured(t, st, p, nil)
}

// NewWorldConfigured builds a World like NewWorldFor, letting adjust change the
// Service's Config (e.g. its ReminderDays) before the Service is built.
func NewWorldConfigured(t TB, st voucher.Store, p policy.Policy, adjust func(*voucher.Config)) *World {
	t.Helper()
	reg, err := policy.NewRegistry(p)
	require.NoError(t, err)
	prov := catalog.Provider{ID: "V1", Name: "天津大学", Region: catalog.Region(p.Area.Region), City: p.Area.City,
		District: p.Area.District, Contact: "李静", Phone: "022-27401774"}
	products := []catalog.Product{
		{ID: "P1", Name: "气相色谱仪", ProviderID: "V1", Provider: "天津大学", Voucher: true,
			Category: catalog.Category{Top: "仪器设备", Sub: "仪器共享"}, Price: catalog.Price{Amount: cxq.MustMoney("100.00"), Unit: "项"}},
		{ID: "P2", Name: "会议室租赁", ProviderID: "V1", Provider: "天津大学",
			Category: catalog.Category{Top: "科技咨询", Sub: "其他"}, Price: catalog.Price{Amount: cxq.MustMoney("50.00"), Unit: "小时"}},
	}
	var revenue []policy.YearAmount
	for y := 2015; y <= 2040; y++ {
		revenue = append(revenue, policy.YearAmount{Year: y, Amount: cxq.Yuan(1000000)})
	}
	ent := func(id, district string) policy.Enterprise {
		return policy.Enterprise{ID: id, Name: "企业" + id, USCC: "91120000600037341Q", Certified: true,
			CertifiedUntil: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), Staff: 10, Capital: cxq.Yuan(1000000), Revenue: revenue,
			Place: policy.Place{Region: p.Area.Region, City: p.Area.City, District: district}}
	}
	e1 := ent("E1", "河西区")
	e1.Controller = "C1" // its actual controller (实际控制人), whom a sanction may restrict
	clock := NewClock(Start, time.Second)
	logs := &LogBuffer{}
	w := &World{
		Policy:             p,
		Enterprise:         voucher.Actor{ID: "u-e1", Role: voucher.RoleEnterprise, Org: "E1", Name: "张三"},
		Other:              voucher.Actor{ID: "u-e2", Role: voucher.RoleEnterprise, Org: "E2"},
		Provider:           voucher.Actor{ID: "u-v1", Role: voucher.RoleProvider, Org: "V1"},
		District:           voucher.Actor{ID: "r-hx", Role: voucher.RoleDistrict, District: "河西区"},
		OtherDistrict:      voucher.Actor{ID: "r-nk", Role: voucher.RoleDistrict, District: "南开区"},
		Professional:       voucher.Actor{ID: "r-pro", Role: voucher.RoleProfessional},
		SecondProfessional: voucher.Actor{ID: "r-pro2", Role: voucher.RoleProfessional},
		Expert:             voucher.Actor{ID: "r-exp", Role: voucher.RoleExpert},
		SecondExp:          voucher.Actor{ID: "r-exp2", Role: voucher.RoleExpert},
		Office:             voucher.Actor{ID: "office", Role: voucher.RoleCoordinator},
	}
	w.T, w.Store, w.Clock, w.Logs = t, st, clock, logs
	cfg := voucher.Config{
		Store: st, Now: clock.Now, IDs: &voucher.Sequence{},
		Catalog:     voucher.CatalogOf(products, []catalog.Provider{prov}),
		Enterprises: worldEnterprises{fixed: voucher.EnterprisesOf(e1, ent("E2", "南开区")), make: ent},
		Programme: voucher.Programme{Policies: reg, Policy: p.ID,
			ApplicationFlow: review.TianjinApplication(), RedemptionFlow: review.TianjinRedemption()},
		Audit: WorldKeys(),
		People: voucher.PeopleOf(w.Enterprise, w.Other, w.Provider, w.District, w.OtherDistrict, w.Professional,
			w.SecondProfessional, w.Expert, w.SecondExp, w.Office, voucher.Actor{ID: "u-e1-reviewer", Role: voucher.RoleProfessional, Org: "E1"}),
		Logger: slog.New(slog.NewTextHandler(logs, nil)),
	}
	if adjust != nil {
		adjust(&cfg)
	}
	svc, err := voucher.New(cfg)
	require.NoError(t, err)
	w.Svc = svc
	w.Redeemer = w.Enterprise
	if p.Redeemer(policy.ProviderPlace(prov)) == policy.RedeemerProvider {
		w.Redeemer = w.Provider
	}
	return w
}

var bg = context.Background()

// worldEnterprises knows E1 and E2, and makes up a certified 河西区 enterprise for any
// ID starting with "B" (benchmarks use many, so that quotas never run out).
type worldEnterprises struct {
	fixed voucher.Enterprises
	make  func(id, district string) policy.Enterprise
}

func (w worldEnterprises) Enterprise(ctx context.Context, id string) (policy.Enterprise, error) {
	if strings.HasPrefix(id, "B") {
		return w.make(id, "河西区"), nil
	}
	return w.fixed.Enterprise(ctx, id)
}

// Key returns a fresh idempotency key.
func (w *World) Key() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.seq++
	return fmt.Sprintf("k%d", w.seq)
}

// Ref records an upload of name by a's organisation into slot, as the portal does after
// the attachment checker accepted it, and returns the reference a form names it by.
func (w *World) Ref(a voucher.Actor, slot, name string) voucher.AttachmentRef {
	w.T.Helper()
	id := "blob-" + w.Key()
	sum := sha256.Sum256([]byte(id))
	u, err := w.Svc.RecordUpload(bg, a, voucher.RecordUploadParams{Key: w.Key(), ID: id, Slot: slot, Name: name,
		SHA256: hex.EncodeToString(sum[:]), Size: 1000, Type: "pdf"})
	require.NoError(w.T, err)
	return u.Ref()
}

// Form returns a valid application form of ent with the estimated contract amount, its
// files uploaded by ent.
func (w *World) Form(ent voucher.Actor, estimated string) voucher.ApplicationForm {
	w.T.Helper()
	return voucher.ApplicationForm{
		Contact:        voucher.Contact{Name: "张三", Phone: "13812345678", Email: "zhang@example.com"},
		OrgCertificate: w.Ref(ent, voucher.SlotOrgCertificate, "cert.pdf"),
		ContractStart:  time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), ContractEnd: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC),
		Estimated:   cxq.MustMoney(estimated),
		Activity:    "利用气相色谱仪开展新产品成分检测。",
		Attachments: []voucher.AttachmentRef{w.Ref(ent, voucher.SlotApplication, "quote.pdf")},
	}
}

// Order places an order for product by ent and has the provider confirm it.
func (w *World) Order(ent voucher.Actor, product string) voucher.Order {
	w.T.Helper()
	o, err := w.Svc.PlaceOrder(bg, ent, voucher.PlaceOrder{Key: w.Key(), ProductID: product,
		Client: voucher.Party{Name: "企业" + ent.Org, Contact: "张三", Phone: "13812345678", Email: "zhang@example.com"}})
	require.NoError(w.T, err)
	o, err = w.Svc.ConfirmOrder(bg, w.Provider, voucher.ConfirmOrderParams{Key: w.Key(), ID: o.ID, Confirm: true})
	require.NoError(w.T, err)
	return o
}

// Draft orders P1 for ent and saves an application with the estimated amount.
func (w *World) Draft(ent voucher.Actor, estimated string) voucher.Application {
	w.T.Helper()
	o := w.Order(ent, "P1")
	app, err := w.Svc.SaveApplication(bg, ent, voucher.ApplicationDraft{Key: w.Key(), OrderID: o.ID, Form: w.Form(ent, estimated)})
	require.NoError(w.T, err)
	return app
}

// Submitted drafts and submits an application.
func (w *World) Submitted(ent voucher.Actor, estimated string) voucher.Application {
	w.T.Helper()
	app := w.Draft(ent, estimated)
	app, err := w.Svc.SubmitApplication(bg, ent, voucher.SubmitParams{Key: w.Key(), ID: app.ID})
	require.NoError(w.T, err)
	return app
}

// Approve takes a submitted application of E1 through 区初审 and 专业机构复审.
func (w *World) Approve(id string) voucher.Application {
	w.T.Helper()
	_, err := w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: id, Action: review.Approve})
	require.NoError(w.T, err)
	_, err = w.Svc.AssignApplication(bg, w.Office, voucher.AssignParams{Key: w.Key(), ID: id, Stage: review.ProfessionalReview, Reviewer: w.Professional.ID})
	require.NoError(w.T, err)
	app, err := w.Svc.ReviewApplication(bg, w.Professional, voucher.Decision{Key: w.Key(), ID: id, Action: review.Approve})
	require.NoError(w.T, err)
	require.Equal(w.T, review.Approved, app.State())
	return app
}

// invoiceSeq numbers invoices so every redemption gets its own.
var invoiceSeq struct {
	sync.Mutex
	n int
}

// NextInvoice returns a legacy invoice of a with a fresh number, its scan uploaded by a.
func (w *World) NextInvoice(a voucher.Actor, amount string) voucher.Invoice {
	w.T.Helper()
	invoiceSeq.Lock()
	invoiceSeq.n++
	n := invoiceSeq.n
	invoiceSeq.Unlock()
	return voucher.Invoice{Name: "检测服务费", Code: "1200171320", Number: fmt.Sprintf("%08d", n),
		Amount: cxq.MustMoney(amount), Scan: w.Ref(a, voucher.SlotInvoiceScan, "invoice.pdf")}
}

// Prepared starts a redemption of an approved application with one invoice and one
// contract of spend each, contact and outcome filled in.
func (w *World) Prepared(appID, spend string) voucher.Redemption {
	w.T.Helper()
	r, err := w.Svc.StartRedemption(bg, w.Redeemer, voucher.StartRedemptionParams{Key: w.Key(), ApplicationID: appID})
	require.NoError(w.T, err)
	r, err = w.Svc.AddInvoice(bg, w.Redeemer, voucher.AddInvoiceParams{Key: w.Key(), ID: r.ID, Version: r.Version,
		Invoice: w.NextInvoice(w.Redeemer, spend)})
	require.NoError(w.T, err)
	r, err = w.Svc.AddContract(bg, w.Redeemer, voucher.AddContractParams{Key: w.Key(), ID: r.ID, Version: r.Version, Contract: voucher.Contract{Name: "气相色谱检测技术服务合同",
		EffectiveAmount: cxq.MustMoney(spend), Scan: w.Ref(w.Redeemer, voucher.SlotContractScan, "contract.pdf"), Filed: Start}})
	require.NoError(w.T, err)
	r, err = w.Svc.SaveRedemption(bg, w.Redeemer, voucher.RedemptionDraft{Key: w.Key(), ID: r.ID, Version: r.Version,
		Contact: voucher.Contact{Name: "张三", Phone: "13812345678", Email: "zhang@example.com"},
		Outcome: "通过购买气相色谱检测服务，解决了新产品成分分析难题。", Files: []voucher.AttachmentRef{w.Ref(w.Redeemer, voucher.SlotBankReceipt, "receipt.pdf"),
			w.Ref(w.Redeemer, voucher.SlotProjectSummary, "summary.pdf")}})
	require.NoError(w.T, err)
	return r
}

// Redeem takes a prepared redemption through every review stage to 评审通过 with the
// expert setting actual and, under a policy with a public notice, through a notice of
// its own nobody objects to, so that it is paid (see PassReview for the review alone).
func (w *World) Redeem(appID, spend, actual string) voucher.Redemption {
	w.T.Helper()
	r := w.PassReview(appID, spend, actual)
	if r.Payout != nil {
		r = w.NoticeAlone(r)
	}
	return r
}

// PassReview takes a prepared redemption through every review stage to 评审通过 with
// the expert setting actual; under a policy with a public notice its payout then awaits
// the notice.
func (w *World) PassReview(appID, spend, actual string) voucher.Redemption {
	w.T.Helper()
	r := w.Prepared(appID, spend)
	r, err := w.Svc.SubmitRedemption(bg, w.Redeemer, voucher.SubmitParams{Key: w.Key(), ID: r.ID})
	require.NoError(w.T, err)
	_, err = w.Svc.ReviewRedemption(bg, w.District, voucher.Decision{Key: w.Key(), ID: r.ID, Action: review.Approve})
	require.NoError(w.T, err)
	_, err = w.Svc.AssignRedemption(bg, w.Office, voucher.AssignParams{Key: w.Key(), ID: r.ID, Stage: review.FormalReview, Reviewer: w.Professional.ID})
	require.NoError(w.T, err)
	_, err = w.Svc.AssignRedemption(bg, w.Office, voucher.AssignParams{Key: w.Key(), ID: r.ID, Stage: review.ExpertReview, Reviewer: w.Expert.ID})
	require.NoError(w.T, err)
	_, err = w.Svc.ReviewRedemption(bg, w.Professional, voucher.Decision{Key: w.Key(), ID: r.ID, Action: review.Approve})
	require.NoError(w.T, err)
	r, err = w.Svc.ReviewRedemption(bg, w.Expert, voucher.Decision{Key: w.Key(), ID: r.ID, Action: review.Approve,
		Fields: map[string]string{review.FieldActualAmount: actual}})
	require.NoError(w.T, err)
	return r
}

// Quota returns E1's quota for the World's policy in period (a year, or a cycle's start
// day as YYYYMMDD).
func (w *World) Quota(year int) voucher.Quota {
	w.T.Helper()
	var q voucher.Quota
	require.NoError(w.T, w.Store.View(bg, func(tx voucher.Tx) (err error) {
		q, err = tx.Quota(bg, voucher.QuotaKey{EnterpriseID: "E1", PolicyID: w.Policy.ID, Period: year})
		return err
	}))
	return q
}

// CheckInvariants verifies what must hold after every step: every quota within its cap
// and equal to what the applications hold and paid, no ended application holding
// anything, and the audit trail verifying.
func (w *World) CheckInvariants() {
	w.T.Helper()
	checkLedger(w.T, w.Store)
	require.NoError(w.T, w.Svc.VerifyAudit(bg))
}

// refusal requires err to be an IneligibleError whose first reason is code, and
// returns that reason for its parameters to be checked.
func refusal(t TB, err error, code string, msgAndArgs ...any) policy.Reason {
	t.Helper()
	var ie *voucher.IneligibleError
	require.ErrorAs(t, err, &ie, msgAndArgs...)
	require.Equal(t, code, ie.Reasons[0].Code, msgAndArgs...)
	return ie.Reasons[0]
}
