package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/attachment/fsblobs"
	"github.com/cxqkit/cxq/voucher/notify"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/sqlstore"
	"github.com/cxqkit/cxq/voucher/voucherhttp"
)

// The demo programme: one certified enterprise in Tianjin's 河西区 and one person for
// every role, so that a newcomer can walk the manual's whole flow. A real portal
// authenticates its users and builds voucher.Actor values from their sessions.
const demoEnterpriseID = "demo-enterprise"

func demoEnterprise() policy.Enterprise {
	return policy.Enterprise{
		ID: demoEnterpriseID, Name: "天津示例科技有限公司（示例）", USCC: "91120000600037341Q",
		Certified: true, CertifiedUntil: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC),
		Place: policy.Place{Region: "天津", District: "河西区"},
	}
}

// demoActors are the people of the demo, by the ID the login page posts (person=).
// providerID is the provider whose person confirms orders.
func demoActors(providerID string) map[string]voucher.Actor {
	return map[string]voucher.Actor{
		"enterprise":   {ID: "demo-user", Role: voucher.RoleEnterprise, Org: demoEnterpriseID, Name: "张三（示例企业）"},
		"provider":     {ID: "demo-provider", Role: voucher.RoleProvider, Org: providerID, Name: "服务机构（示例）"},
		"district":     {ID: "demo-district", Role: voucher.RoleDistrict, District: "河西区", Name: "河西区科委（示例）"},
		"professional": {ID: "demo-professional", Role: voucher.RoleProfessional, Name: "专业机构（示例）"},
		"expert":       {ID: "demo-expert", Role: voucher.RoleExpert, Name: "评审专家（示例）"},
		"inspector":    {ID: "demo-inspector", Role: voucher.RoleProfessional, Name: "抽查专业机构（示例）"},
		"office":       {ID: "demo-office", Role: voucher.RoleCoordinator, Name: "创新券管理办公室（示例）"},
	}
}

// demoProgramme is printed above the title of exported forms.
const demoProgramme = "天津市科技创新券（示例）"

// demoPolicy returns the programme of -policy: a shipped preset by its ID (tianjin when
// empty), or the policy in a JSON file (policy.Parse), run with the shipped workflows.
// The demo people are in 天津市河西区, so a policy of another area refuses their claims as
// not local.
func demoPolicy(arg string) (voucher.Programme, error) {
	if arg == "" {
		arg = policy.PresetTianjin
	}
	if pr, err := voucher.ShippedProgramme(arg); err == nil {
		return pr, nil
	}
	b, err := os.ReadFile(arg)
	if err != nil {
		return voucher.Programme{}, fmt.Errorf("-policy %s: neither a preset nor a readable file: %w", arg, err)
	}
	p, err := policy.Parse(b)
	if err != nil {
		return voucher.Programme{}, fmt.Errorf("-policy %s: %w", arg, err)
	}
	reg, err := policy.NewRegistry(p)
	if err != nil {
		return voucher.Programme{}, fmt.Errorf("-policy %s: %w", arg, err)
	}
	return voucher.Programme{Policies: reg, Policy: p.ID, ApplicationFlow: review.TianjinApplication(),
		RedemptionFlow: review.TianjinRedemption()}, nil
}

// storeDirs are where the attachments and the demo audit keys of store dsn are kept:
// beside a SQLite file, or for a postgres:// URL cxq-attachments and keyDir in the
// working directory. keys, when set (-keys), overrides the keys' directory, so that
// several processes on one database share them.
func storeDirs(dsn, keys string) (blobDir, keyDir string) {
	blobDir, keyDir = "cxq-attachments", "."
	if !strings.Contains(dsn, "://") {
		blobDir, keyDir = filepath.Join(filepath.Dir(dsn), filepath.Base(dsn)+"-attachments"), filepath.Dir(dsn)
	}
	if keys != "" {
		keyDir = keys
	}
	return blobDir, keyDir
}

// openVoucher opens the store named by cfg.db (a SQLite path or a postgres:// URL) and
// its attachments, builds the voucher.Service of the demo programme and returns the
// voucherhttp handler over it, authenticating with sess, and what closes it.
func openVoucher(ctx context.Context, cfg config, products []catalog.Product, sess *sessions, logger *slog.Logger) (*voucherhttp.Handler, []func() error, error) {
	var closers []func() error
	fail := func(err error) (*voucherhttp.Handler, []func() error, error) {
		for i := len(closers) - 1; i >= 0; i-- {
			_ = closers[i]()
		}
		return nil, nil, err
	}
	st, err := sqlstore.Open(ctx, cfg.db, nil)
	if err != nil {
		return fail(fmt.Errorf("voucher store %s: %w", redactDSN(cfg.db), err))
	}
	closers = append(closers, st.Close)
	blobDir, keyDir := storeDirs(cfg.db, cfg.keys)
	keys, err := demoAuditKeys(keyDir)
	if err != nil {
		return fail(fmt.Errorf("audit keys: %w", err))
	}
	blobs, err := fsblobs.Open(blobDir)
	if err != nil {
		return fail(fmt.Errorf("attachments %s: %w", blobDir, err))
	}
	closers = append(closers, blobs.Close)
	providers, err := catalog.BundledProviders()
	if err != nil {
		return fail(err)
	}
	people := sess.people()
	programme, err := demoPolicy(cfg.policy)
	if err != nil {
		return fail(err)
	}
	now := cfg.now
	if now == nil {
		now = time.Now
	}
	svc, err := voucher.New(voucher.Config{
		Store: st, Now: now,
		Catalog:     voucher.CatalogOf(products, providers),
		Enterprises: voucher.EnterprisesOf(demoEnterprise()),
		Programme:   programme,
		Audit:       keys.audit,
		People:      voucher.PeopleOf(people...),
		Logger:      logger,
	})
	if err != nil {
		return fail(err)
	}
	stop, err := startDelivery(ctx, st, logger)
	if err != nil {
		return fail(err)
	}
	closers = append(closers, stop)
	office := sess.byRole(voucher.RoleCoordinator)
	every := cfg.deadlineEvery
	if every <= 0 {
		every = deadlineInterval
	}
	closers = append(closers, startDeadlines(ctx, svc, *office, every))
	vh, err := voucherhttp.New(svc, voucherhttp.Options{
		Authenticate: sess.authenticate,
		Blobs:        blobs,
		Reviewers: func(_ context.Context, role voucher.Role) ([]voucher.Actor, error) {
			return slices.DeleteFunc(slices.Clone(people), func(a voucher.Actor) bool { return a.Role != role }), nil
		},
		Prefix:     "/",
		Nav:        []voucherhttp.NavLink{{Label: "首页", Href: "/"}, {Label: "开放实验室", Href: "/labs/"}, {Label: "科淘商城", Href: "/products/"}},
		LoginHref:  "/login",
		LogoutHref: "/logout",
		Programme:  demoProgramme,
		CodeKey:    keys.code,
		Verifier:   office,
		Logger:     logger,
	})
	if err != nil {
		return fail(err)
	}
	return vh, closers, nil
}

// deliveryInterval is how often the demo delivers the outbox to the site inboxes.
const deliveryInterval = 2 * time.Second

// startDelivery runs a notify.Worker delivering the outbox of st to the site inboxes
// (站内消息) until the returned function stops it.
func startDelivery(ctx context.Context, st voucher.Store, logger *slog.Logger) (func() error, error) {
	w, err := notify.New(notify.Config{Store: st, Notifier: notify.Inbox{Store: st}, Now: time.Now, Logger: logger})
	if err != nil {
		return nil, err
	}
	wctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = w.Run(wctx, deliveryInterval)
	}()
	return func() error {
		cancel()
		<-done
		return nil
	}, nil
}

// deadlineInterval is how often the demo applies the usage deadlines (expiry, reminders).
const deadlineInterval = time.Minute

// startDeadlines applies the usage deadlines as the programme office, now and every
// interval, until the returned function stops it: without it no voucher of the portal
// would ever expire and no reminder would go out.
func startDeadlines(ctx context.Context, svc *voucher.Service, office voucher.Actor, every time.Duration) func() error {
	dctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = svc.RunDeadlines(dctx, office, every)
	}()
	return func() error {
		cancel()
		<-done
		return nil
	}
}

// voucherProvider returns the provider of the first product with the voucher badge: its
// demo person confirms orders.
func voucherProvider(products []catalog.Product) string {
	for _, p := range products {
		if p.Voucher {
			return p.ProviderID
		}
	}
	return ""
}

// redactDSN hides a password in a postgres:// URL before it is logged or shown.
func redactDSN(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		if at := strings.LastIndex(dsn, "@"); at > i {
			if colon := strings.Index(dsn[i+3:at], ":"); colon >= 0 {
				return dsn[:i+3+colon] + ":***" + dsn[at:]
			}
		}
	}
	return dsn
}
