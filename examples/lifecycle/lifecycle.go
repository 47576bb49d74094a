package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/sqlstore"
)

// options are the command's flags. Further outputs (the printable forms) take the walk's
// result after the audit check.
type options struct {
	DB     string // SQLite path or postgres:// URL; "" = a temporary SQLite file
	Export string // directory to write application.pdf and redemption.pdf into; "" = none
}

// result is what the walk produced, for whatever runs after it.
type result struct {
	Application voucher.Application
	Redemption  voucher.Redemption
}

// clock is the demo's clock: 2025-03-03 09:00 China Standard Time, ten minutes later at
// every reading, so the output is the same on every run.
type clock struct{ t time.Time }

func (c *clock) now() time.Time {
	c.t = c.t.Add(10 * time.Minute)
	return c.t
}

func run(ctx context.Context, opts options, out io.Writer) error {
	dsn, label, cleanup, err := database(opts.DB)
	if err != nil {
		return err
	}
	defer cleanup()
	st, err := sqlstore.Open(ctx, dsn, nil)
	if err != nil {
		return err
	}
	defer st.Close()

	// A kept database already holds earlier runs: new IDs and a new enterprise each run.
	var ids voucher.IDs = &voucher.Sequence{}
	entID := "ent-demo"
	if opts.DB != "" {
		ids = voucher.RandomIDs()
		entID += "-" + randomHex()
	}
	w, err := newWalk(st, ids, entID, out)
	if err != nil {
		return err
	}
	if opts.DB != "" {
		var b [4]byte
		_, _ = rand.Read(b[:])
		w.invoice = fmt.Sprintf("%08d", (uint32(b[0])<<24|uint32(b[1])<<16|uint32(b[2])<<8|uint32(b[3]))%100000000)
	}
	fmt.Fprintf(out, "cxq lifecycle on %s\n", label)
	res, err := w.walk(ctx)
	if err != nil {
		return fmt.Errorf("step %d: %w", w.n+1, err)
	}
	if err := w.svc.VerifyAudit(ctx); err != nil {
		fmt.Fprintf(out, "audit chain: DOES NOT VERIFY: %v\n", err)
		return err
	}
	trail, err := w.svc.Audit(ctx, w.ent, voucher.StreamApplication, res.Application.ID)
	if err != nil {
		return err
	}
	rtrail, err := w.svc.Audit(ctx, w.ent, voucher.StreamRedemption, res.Redemption.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "audit chain: verified (application %d entries, redemption %d entries, review histories %d+%d)\n",
		len(trail), len(rtrail), len(res.Application.Case.History), len(res.Redemption.Case.History))
	if opts.Export != "" {
		return w.export(opts.Export, res)
	}
	return nil
}

func randomHex() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// database returns the DSN, how to name it and what to remove afterwards.
func database(db string) (dsn, label string, cleanup func(), err error) {
	if db != "" {
		label = "SQLite " + db
		if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
			label = "PostgreSQL"
		}
		return db, label, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "cxq-lifecycle-")
	if err != nil {
		return "", "", nil, err
	}
	return filepath.Join(dir, "cxq.db"), "a temporary SQLite file", func() { _ = os.RemoveAll(dir) }, nil
}

// walk holds the service and one person for every role.
type walk struct {
	svc                                  *voucher.Service
	clock                                *clock
	enterprise                           policy.Enterprise
	out                                  io.Writer
	n                                    int
	ent, provider, district, pro, expert voucher.Actor
	office                               voucher.Actor
	product                              string
	invoice                              string // 发票号码; each run on a kept database needs its own
}

func newWalk(st voucher.Store, ids voucher.IDs, entID string, out io.Writer) (*walk, error) {
	products, err := catalog.BundledProducts()
	if err != nil {
		return nil, err
	}
	providers, err := catalog.BundledProviders()
	if err != nil {
		return nil, err
	}
	reg, err := policy.NewRegistry(policy.Tianjin())
	if err != nil {
		return nil, err
	}
	c := &clock{t: time.Date(2025, 3, 3, 1, 0, 0, 0, time.UTC)}
	ent := policy.Enterprise{ID: entID, Name: "天津示例科技有限公司", USCC: "91120000600037341Q", Certified: true,
		CertifiedUntil: time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC), Place: policy.Place{Region: "天津", District: "河西区"}}
	svc, err := voucher.New(voucher.Config{
		Audit:  voucher.AuditKeys{Unkeyed: true}, // a demo: production keys the trail with a MAC kept outside the database
		People: voucher.PeopleOf(voucher.Actor{ID: "pro-07", Role: voucher.RoleProfessional}, voucher.Actor{ID: "expert-03", Role: voucher.RoleExpert}),
		Store:  st, Now: c.now, IDs: ids,
		Catalog: voucher.CatalogOf(products, providers), Enterprises: voucher.EnterprisesOf(ent),
		Programme: voucher.Programme{Policies: reg, Policy: policy.PresetTianjin,
			ApplicationFlow: review.TianjinApplication(), RedemptionFlow: review.TianjinRedemption()},
	})
	if err != nil {
		return nil, err
	}
	return &walk{
		svc: svc, clock: c, enterprise: ent, out: out, product: products[0].ID, invoice: "01234567",
		ent:      voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: entID, Name: "张三（企业）"},
		provider: voucher.Actor{ID: "zhaojing", Role: voucher.RoleProvider, Org: products[0].ProviderID, Name: "赵静（服务机构）"},
		district: voucher.Actor{ID: "hexi-01", Role: voucher.RoleDistrict, District: "河西区", Name: "河西区科委"},
		pro:      voucher.Actor{ID: "pro-07", Role: voucher.RoleProfessional, Name: "专业机构"},
		expert:   voucher.Actor{ID: "expert-03", Role: voucher.RoleExpert, Name: "评审专家"},
		office:   voucher.Actor{ID: "office-01", Role: voucher.RoleCoordinator, Name: "创新券管理办公室"},
	}, nil
}

// say prints one step: who acted, what they did, what the enterprise now sees.
func (w *walk) say(who voucher.Actor, did, status string, extra ...string) {
	w.n++
	line := fmt.Sprintf("%2d. %s：%s", w.n, who.Name, did)
	if status != "" {
		line += " → 状态：" + status
	}
	if len(extra) > 0 {
		line += "  " + strings.Join(extra, "  ")
	}
	fmt.Fprintln(w.out, line)
}

// key returns the idempotency key of a step: a retry of the same step in the same run
// would get the first result back; each run has its own keys.
func (w *walk) key(step string) string { return w.ent.Org + "-" + step }

func (w *walk) walk(ctx context.Context) (result, error) {
	var res result
	o, err := w.svc.PlaceOrder(ctx, w.ent, voucher.PlaceOrder{Key: w.key("order"), ProductID: w.product,
		Client: voucher.Party{Name: "天津示例科技有限公司", Contact: "张三", Phone: "022-23532900转815", Email: "zhangsan@example.com"},
		Note:   "检测新产品挥发性有机物"})
	if err != nil {
		return res, err
	}
	w.say(w.ent, "下单 "+o.Product.Name+"（"+o.Product.ProviderName+"）", o.Status.Label().ZH, "订单编号 "+o.ID)
	if o, err = w.svc.ConfirmOrder(ctx, w.provider, voucher.ConfirmOrderParams{Key: w.key("confirm"), ID: o.ID, Confirm: true}); err != nil {
		return res, err
	}
	w.say(w.provider, "确认订单", o.Status.Label().ZH)

	app, err := w.svc.SaveApplication(ctx, w.ent, voucher.ApplicationDraft{Key: w.key("draft"), OrderID: o.ID, Form: w.form(ctx)})
	if err != nil {
		return res, err
	}
	w.say(w.ent, "填写科技创新券申请表", w.svc.ApplicationStatus(app).ZH, "预估合同金额 "+app.Form.Estimated.String()+" 元")
	if app, err = w.svc.SubmitApplication(ctx, w.ent, voucher.SubmitParams{Key: w.key("submit"), ID: app.ID, Version: app.Version}); err != nil {
		return res, err
	}
	w.say(w.ent, "提交申请", w.svc.ApplicationStatus(app).ZH, "申请创新券金额 "+app.Amount.String()+" 元（系统自动计算）")
	if app, err = w.svc.ReviewApplication(ctx, w.district, voucher.Decision{Key: w.key("district"), ID: app.ID, Action: review.Approve, Opinion: "材料齐全"}); err != nil {
		return res, err
	}
	w.say(w.district, "区初审通过", w.svc.ApplicationStatus(app).ZH)
	if app, err = w.svc.AssignApplication(ctx, w.office, voucher.AssignParams{Key: w.key("assign-pro"), ID: app.ID, Stage: review.ProfessionalReview, Reviewer: w.pro.ID}); err != nil {
		return res, err
	}
	w.say(w.office, "分派专业机构复审", w.svc.ApplicationStatus(app).ZH)
	if app, err = w.svc.ReviewApplication(ctx, w.pro, voucher.Decision{Key: w.key("professional"), ID: app.ID, Action: review.Approve}); err != nil {
		return res, err
	}
	w.say(w.pro, "专业机构复审通过", w.svc.ApplicationStatus(app).ZH, "申请创新券金额 "+app.Amount.String()+" 元")

	r, err := w.redeem(ctx, app)
	if err != nil {
		return res, err
	}
	if app, err = w.svc.Application(ctx, w.ent, app.ID); err != nil {
		return res, err
	}
	res.Application, res.Redemption = app, r
	return res, nil
}

func (w *walk) redeem(ctx context.Context, app voucher.Application) (voucher.Redemption, error) {
	r, err := w.svc.StartRedemption(ctx, w.ent, voucher.StartRedemptionParams{Key: w.key("redeem"), ApplicationID: app.ID})
	if err != nil {
		return r, err
	}
	w.say(w.ent, "申请兑现", w.svc.RedemptionStatus(r).ZH, "兑现申请 "+r.ID)
	inv := voucher.Invoice{Name: "检测服务费", Code: "1200171320", Number: w.invoice, Amount: cxq.MustMoney("9099.00"), Scan: w.ref(ctx, voucher.SlotInvoiceScan, "invoice.pdf")}
	if r, err = w.svc.AddInvoice(ctx, w.ent, voucher.AddInvoiceParams{Key: w.key("invoice"), ID: r.ID, Version: r.Version, Invoice: inv}); err != nil {
		return r, err
	}
	w.say(w.ent, "添加发票 "+inv.Code+" "+inv.Number, "", "发票金额 "+inv.Amount.String()+" 元")
	con := voucher.Contract{Name: "气相色谱检测技术服务合同", EffectiveAmount: cxq.MustMoney("9099.00"), Scan: w.ref(ctx, voucher.SlotContractScan, "contract.pdf")}
	if r, err = w.svc.AddContract(ctx, w.ent, voucher.AddContractParams{Key: w.key("contract"), ID: r.ID, Version: r.Version, Contract: con}); err != nil {
		return r, err
	}
	w.say(w.ent, "添加合同 "+con.Name, "", "有效合同金额 "+con.EffectiveAmount.String()+" 元")
	if r, err = w.svc.SaveRedemption(ctx, w.ent, voucher.RedemptionDraft{Key: w.key("outcome"), ID: r.ID, Version: r.Version,
		Contact: voucher.Contact{Name: "张三", Phone: "13812345678", Email: "zhangsan@example.com"},
		Outcome: "通过购买气相色谱检测服务，解决了新产品挥发性有机物定量分析的技术难题。",
		Files: []voucher.AttachmentRef{w.ref(ctx, voucher.SlotBankReceipt, "bank-receipt.pdf"),
			w.ref(ctx, voucher.SlotProjectSummary, "summary.pdf")}}); err != nil {
		return r, err
	}
	w.say(w.ent, "填写使用成效，上传银行回单和总结", w.svc.RedemptionStatus(r).ZH)
	if r, err = w.svc.SubmitRedemption(ctx, w.ent, voucher.SubmitParams{Key: w.key("submit-redemption"), ID: r.ID, Version: r.Version}); err != nil {
		return r, err
	}
	w.say(w.ent, "提交兑现申请", w.svc.RedemptionStatus(r).ZH, "兑现创新券金额合计 "+r.Total.String()+" 元")
	if r, err = w.svc.ReviewRedemption(ctx, w.district, voucher.Decision{Key: w.key("r-district"), ID: r.ID, Action: review.Approve}); err != nil {
		return r, err
	}
	w.say(w.district, "区科技主管部门初审通过", w.svc.RedemptionStatus(r).ZH)
	for _, a := range []struct {
		stage voucher.State
		who   voucher.Actor
	}{{review.FormalReview, w.pro}, {review.ExpertReview, w.expert}} {
		if r, err = w.svc.AssignRedemption(ctx, w.office, voucher.AssignParams{Key: w.key("assign-" + string(a.stage)), ID: r.ID, Stage: a.stage, Reviewer: a.who.ID}); err != nil {
			return r, err
		}
	}
	w.say(w.office, "分派形式审查与专家评审", w.svc.RedemptionStatus(r).ZH)
	if r, err = w.svc.ReviewRedemption(ctx, w.pro, voucher.Decision{Key: w.key("formal"), ID: r.ID, Action: review.Approve}); err != nil {
		return r, err
	}
	w.say(w.pro, "专业机构形式审查通过", w.svc.RedemptionStatus(r).ZH, "（企业导出兑现申请表，签字盖章后上交）")
	if r, err = w.svc.ReviewRedemption(ctx, w.expert, voucher.Decision{Key: w.key("expert"), ID: r.ID, Action: review.Approve,
		Opinion: "同意兑现", Fields: map[string]string{review.FieldActualAmount: "4500.00"}}); err != nil {
		return r, err
	}
	app, err = w.svc.Application(ctx, w.ent, app.ID)
	if err != nil {
		return r, err
	}
	w.say(w.expert, "专家评审通过", w.svc.RedemptionStatus(r).ZH, "实际兑现金额 "+r.Actual.String()+" 元",
		"额度：已兑现 "+app.Paid.String()+" 元，释放 "+app.Amount.Sub(app.Paid).String()+" 元")
	return r, nil
}

func (w *walk) form(ctx context.Context) voucher.ApplicationForm {
	return voucher.ApplicationForm{
		Contact:        voucher.Contact{Name: "张三", Phone: "13812345678", Email: "zhangsan@example.com"},
		OrgCertificate: w.ref(ctx, voucher.SlotOrgCertificate, "org-certificate.pdf"),
		ContractStart:  time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), ContractEnd: time.Date(2025, 8, 31, 0, 0, 0, 0, time.UTC),
		Estimated:   cxq.MustMoney("9099.00"),
		Activity:    "委托气相色谱检测，分析新产品中的挥发性有机物成分，支撑配方改进。",
		Attachments: []voucher.AttachmentRef{w.ref(ctx, voucher.SlotApplication, "quote.pdf")},
	}
}

// ref records a file as the portal does once voucher/attachment has checked and stored
// it, and returns the reference a form names it by; the walk's steps stop on the form's
// validation should it fail.
func (w *walk) ref(ctx context.Context, slot, name string) voucher.AttachmentRef {
	id := w.key("file-" + name)
	sum := sha256.Sum256([]byte(id))
	u, err := w.svc.RecordUpload(ctx, w.ent, voucher.RecordUploadParams{Key: id, ID: id, Slot: slot, Name: name,
		SHA256: hex.EncodeToString(sum[:]), Size: 48213, Type: "pdf"})
	if err != nil {
		return voucher.AttachmentRef{}
	}
	return u.Ref()
}
