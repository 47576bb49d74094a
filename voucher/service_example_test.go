package voucher_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/policy"
)

// demo builds a service over an in-memory store with the Tianjin policy and workflows,
// the bundled marketplace and one certified enterprise in 河西区.
func demo() (*voucher.Service, string) {
	now := time.Date(2025, 3, 3, 1, 0, 0, 0, time.UTC)
	return demoWith(policy.Tianjin(), func() time.Time { now = now.Add(time.Minute); return now },
		voucher.Actor{ID: "pro-07", Role: voucher.RoleProfessional})
}

// demoWith is demo under policy p, on clock now, with the reviewers people; it returns
// the service and the first bundled product's ID.
func demoWith(p policy.Policy, now func() time.Time, people ...voucher.Actor) (*voucher.Service, string) {
	products, _ := catalog.BundledProducts()
	providers, _ := catalog.BundledProviders()
	reg, _ := policy.NewRegistry(p)
	svc, err := voucher.New(voucher.Config{
		Audit:   voucher.AuditKeys{Unkeyed: true}, // a demo: production keys the trail with a MAC kept outside the database
		People:  voucher.PeopleOf(people...),
		Store:   memstore.New(),
		Now:     now,
		IDs:     &voucher.Sequence{},
		Catalog: voucher.CatalogOf(products, providers),
		Enterprises: voucher.EnterprisesOf(policy.Enterprise{ID: "E1", Name: "天津示例科技有限公司", Certified: true,
			CertifiedUntil: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Place: policy.Place{Region: "天津", District: "河西区"}}),
		Programme: voucher.Programme{Policies: reg, Policy: p.ID,
			ApplicationFlow: review.TianjinApplication(), RedemptionFlow: review.TianjinRedemption()},
	})
	if err != nil {
		panic(err)
	}
	return svc, products[0].ID
}

// ref records an upload of ent, as a portal does once voucher/attachment has checked it.
func ref(svc *voucher.Service, ent voucher.Actor, slot, name string) voucher.AttachmentRef {
	sum := sha256.Sum256([]byte(name))
	u, _ := svc.RecordUpload(context.Background(), ent, voucher.RecordUploadParams{Key: "up-" + name, ID: "blob-" + name,
		Slot: slot, Name: name, SHA256: hex.EncodeToString(sum[:]), Size: 1000})
	return u.Ref()
}

func form(svc *voucher.Service, ent voucher.Actor, estimated string) voucher.ApplicationForm {
	return voucher.ApplicationForm{
		Contact:        voucher.Contact{Name: "张三", Phone: "13812345678", Email: "zhangsan@example.com"},
		OrgCertificate: ref(svc, ent, voucher.SlotOrgCertificate, "cert.pdf"),
		ContractStart:  time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), ContractEnd: time.Date(2025, 8, 31, 0, 0, 0, 0, time.UTC),
		Estimated: cxq.MustMoney(estimated), Activity: "委托气相色谱检测。",
		Attachments: []voucher.AttachmentRef{ref(svc, ent, voucher.SlotApplication, "quote.pdf")},
	}
}

// One application from order to 复审通过: the amount is computed at submission and
// reserved on the enterprise's annual quota.
func ExampleService_SubmitApplication() {
	ctx := context.Background()
	svc, product := demo()
	ent := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: "E1"}
	provider := voucher.Actor{ID: "zhaojing", Role: voucher.RoleProvider, Org: "prov-tj-01"}
	district := voucher.Actor{ID: "hexi-01", Role: voucher.RoleDistrict, District: "河西区"}
	office := voucher.Actor{ID: "office", Role: voucher.RoleCoordinator}
	pro := voucher.Actor{ID: "pro-07", Role: voucher.RoleProfessional}

	o, _ := svc.PlaceOrder(ctx, ent, voucher.PlaceOrder{Key: "k1", ProductID: product,
		Client: voucher.Party{Name: "天津示例科技有限公司", Contact: "张三", Phone: "022-23532900转815"}})
	svc.ConfirmOrder(ctx, provider, voucher.ConfirmOrderParams{Key: "k2", ID: o.ID, Confirm: true})
	app, _ := svc.SaveApplication(ctx, ent, voucher.ApplicationDraft{Key: "k3", OrderID: o.ID, Form: form(svc, ent, "9099.00")})
	app, err := svc.SubmitApplication(ctx, ent, voucher.SubmitParams{Key: "k4", ID: app.ID, Version: app.Version})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(app.ID, svc.ApplicationStatus(app).ZH, app.Amount)

	svc.ReviewApplication(ctx, district, voucher.Decision{Key: "k5", ID: app.ID, Action: review.Approve})
	svc.AssignApplication(ctx, office, voucher.AssignParams{Key: "k6", ID: app.ID, Stage: review.ProfessionalReview, Reviewer: pro.ID})
	app, _ = svc.ReviewApplication(ctx, pro, voucher.Decision{Key: "k7", ID: app.ID, Action: review.Approve})
	fmt.Println(app.ID, svc.ApplicationStatus(app).ZH, app.Amount)

	page, _ := svc.Applications(ctx, ent, voucher.Query{Status: review.Approved})
	fmt.Println(page.Summary().ZH)
	fmt.Println("audit verifies:", svc.VerifyAudit(ctx) == nil)
	// Output:
	// AP000001 待区初审 4549.50
	// AP000001 复审通过 4549.50
	// 共有 1 行数据, 当前显示 1 到 1 行
	// audit verifies: true
}

// Another enterprise's application answers exactly like one that does not exist, and
// the same idempotency key with the same input returns the first result.
func ExampleService_Application_authorization() {
	ctx := context.Background()
	svc, product := demo()
	ent := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: "E1"}
	other := voucher.Actor{ID: "lisi", Role: voucher.RoleEnterprise, Org: "E2"}

	o, _ := svc.PlaceOrder(ctx, ent, voucher.PlaceOrder{Key: "order-1", ProductID: product,
		Client: voucher.Party{Name: "天津示例科技有限公司", Contact: "张三", Phone: "13812345678"}})
	again, _ := svc.PlaceOrder(ctx, ent, voucher.PlaceOrder{Key: "order-1", ProductID: product,
		Client: voucher.Party{Name: "天津示例科技有限公司", Contact: "张三", Phone: "13812345678"}})
	fmt.Println(o.ID, again.ID)

	_, err := svc.Order(ctx, other, o.ID)
	fmt.Println(err)
	_, err = svc.Order(ctx, other, "IV999999")
	fmt.Println(err)
	// Output:
	// IV000001 IV000001
	// voucher: order "IV000001": cxq: not found
	// voucher: order "IV999999": cxq: not found
}
