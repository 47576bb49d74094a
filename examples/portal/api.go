package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/cxqkit/cxq/voucher/attachment/fsblobs"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/sqlstore"
)

// The demo programme: one certified enterprise in Tianjin's 河西区 and one person for
// every role, so that a newcomer can walk the manual's whole flow. A real portal
// authenticates its users and builds voucher.Actor values from their sessions.
const demoEnterpriseID = "demo-enterprise"

func demoEnterprise() policy.Enterprise {
	return policy.Enterprise{
		ID: demoEnterpriseID, Name: "天津示例科技有限公司（示例）", USCC: "91120000600037341L",
		Certified: true, CertifiedUntil: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC),
		Place: policy.Place{Region: "天津", District: "河西区"},
	}
}

// demoActors are the people of the demo, chosen per request with the X-Demo-Actor header
// (or ?as=). providerID is the provider whose person confirms orders.
func demoActors(providerID string) map[string]voucher.Actor {
	return map[string]voucher.Actor{
		"enterprise":   {ID: "demo-user", Role: voucher.RoleEnterprise, Org: demoEnterpriseID, Name: "张三（示例企业）"},
		"provider":     {ID: "demo-provider", Role: voucher.RoleProvider, Org: providerID, Name: "服务机构（示例）"},
		"district":     {ID: "demo-district", Role: voucher.RoleDistrict, District: "河西区", Name: "河西区科委（示例）"},
		"professional": {ID: "demo-professional", Role: voucher.RoleProfessional, Name: "专业机构（示例）"},
		"expert":       {ID: "demo-expert", Role: voucher.RoleExpert, Name: "评审专家（示例）"},
		"office":       {ID: "demo-office", Role: voucher.RoleCoordinator, Name: "创新券管理办公室（示例）"},
	}
}

// voucherAPI is the lifecycle JSON API over a voucher.Service.
type voucherAPI struct {
	svc      *voucher.Service
	actors   map[string]voucher.Actor
	blobs    *fsblobs.Store
	checker  *attachment.Checker
	slots    attachment.Slots
	ents     voucher.Enterprises
	appFlow  *review.Workflow
	redFlow  *review.Workflow
	logger   *slog.Logger
	maxBytes int64
}

// openVoucherAPI opens the store named by dsn (a SQLite path or a postgres:// URL), with
// attachments kept in a directory beside a SQLite file (or in the working directory),
// and returns the API and what closes it.
func openVoucherAPI(ctx context.Context, dsn string, products []catalog.Product, logger *slog.Logger) (*voucherAPI, []func() error, error) {
	var closers []func() error
	fail := func(err error) (*voucherAPI, []func() error, error) {
		for i := len(closers) - 1; i >= 0; i-- {
			_ = closers[i]()
		}
		return nil, nil, err
	}
	st, err := sqlstore.Open(ctx, dsn, nil)
	if err != nil {
		return fail(fmt.Errorf("voucher store %s: %w", redactDSN(dsn), err))
	}
	closers = append(closers, st.Close)
	blobDir, keyDir := "cxq-attachments", "."
	if !strings.Contains(dsn, "://") {
		blobDir, keyDir = filepath.Join(filepath.Dir(dsn), filepath.Base(dsn)+"-attachments"), filepath.Dir(dsn)
	}
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
	policies := policy.Presets()
	ents := voucher.EnterprisesOf(demoEnterprise())
	actors := demoActors(voucherProvider(products))
	people := make([]voucher.Actor, 0, len(actors))
	for _, a := range actors {
		people = append(people, a)
	}
	svc, err := voucher.New(voucher.Config{
		Store: st, Now: time.Now,
		Catalog:     voucher.CatalogOf(products, providers),
		Enterprises: ents,
		Programme: voucher.Programme{Policies: policies, Policy: policy.PresetTianjin,
			ApplicationFlow: review.TianjinApplication(), RedemptionFlow: review.TianjinRedemption()},
		Audit:  keys,
		People: voucher.PeopleOf(people...),
		Logger: logger,
	})
	if err != nil {
		return fail(err)
	}
	return &voucherAPI{
		svc: svc, actors: actors, blobs: blobs,
		checker: attachment.NewChecker(nil), slots: attachment.DefaultSlots(), ents: ents,
		appFlow: review.TianjinApplication(), redFlow: review.TianjinRedemption(),
		logger: logger, maxBytes: 64 << 10,
	}, closers, nil
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

// mount registers the API's routes under /api/.
func (a *voucherAPI) mount(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/actors", a.listActors)
	mux.HandleFunc("POST /api/attachments", a.upload)

	mux.HandleFunc("GET /api/orders", a.get(func(ctx context.Context, who voucher.Actor, r *http.Request) (any, error) {
		q, err := listQuery(r)
		if err != nil {
			return nil, err
		}
		return a.svc.MyOrders(ctx, who, q)
	}))
	mux.HandleFunc("POST /api/orders", post(a, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in voucher.PlaceOrder) (any, error) {
		in.Key = key
		return a.svc.PlaceOrder(ctx, who, in)
	}))
	mux.HandleFunc("GET /api/orders/{id}", a.get(func(ctx context.Context, who voucher.Actor, r *http.Request) (any, error) {
		return a.svc.Order(ctx, who, r.PathValue("id"))
	}))
	mux.HandleFunc("POST /api/orders/{id}/confirm", post(a, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in struct {
		Confirm bool `json:"confirm"`
	}) (any, error) {
		return a.svc.ConfirmOrder(ctx, who, voucher.ConfirmOrderParams{Key: key, ID: r.PathValue("id"), Confirm: in.Confirm})
	}))

	mountReviewed(a, mux, "applications", reviewedRoutes[voucher.Application]{
		stream: voucher.StreamApplication, get: a.svc.Application, list: a.svc.Applications,
		submit: a.svc.SubmitApplication, review: a.svc.ReviewApplication, assign: a.svc.AssignApplication,
		withdraw: a.svc.WithdrawApplication, pdf: a.applicationPDF,
	})
	mux.HandleFunc("POST /api/applications", post(a, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in voucher.ApplicationDraft) (any, error) {
		in.Key = key
		return a.svc.SaveApplication(ctx, who, in)
	}))

	mountReviewed(a, mux, "redemptions", reviewedRoutes[voucher.Redemption]{
		stream: voucher.StreamRedemption, get: a.svc.Redemption, list: a.svc.Redemptions,
		submit: a.svc.SubmitRedemption, review: a.svc.ReviewRedemption, assign: a.svc.AssignRedemption,
		withdraw: a.svc.WithdrawRedemption, pdf: a.redemptionPDF,
	})
	mux.HandleFunc("POST /api/redemptions", post(a, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in struct {
		ApplicationID string `json:"application_id"`
	}) (any, error) {
		return a.svc.StartRedemption(ctx, who, voucher.StartRedemptionParams{Key: key, ApplicationID: in.ApplicationID})
	}))
	mux.HandleFunc("PUT /api/redemptions/{id}", post(a, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in voucher.RedemptionDraft) (any, error) {
		in.ID = r.PathValue("id")
		in.Key = key
		return a.svc.SaveRedemption(ctx, who, in)
	}))
	mux.HandleFunc("POST /api/redemptions/{id}/invoices", post(a, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in voucher.Invoice) (any, error) {
		return a.svc.AddInvoice(ctx, who, voucher.AddInvoiceParams{Key: key, ID: r.PathValue("id"), Invoice: in})
	}))
	mux.HandleFunc("POST /api/redemptions/{id}/contracts", post(a, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in voucher.Contract) (any, error) {
		return a.svc.AddContract(ctx, who, voucher.AddContractParams{Key: key, ID: r.PathValue("id"), Contract: in})
	}))
}

// reviewedRoutes are the service calls behind the routes every reviewed record has.
type reviewedRoutes[T any] struct {
	stream   string
	get      func(context.Context, voucher.Actor, string) (T, error)
	list     func(context.Context, voucher.Actor, voucher.Query) (voucher.Page[T], error)
	submit   func(context.Context, voucher.Actor, voucher.SubmitParams) (T, error)
	review   func(context.Context, voucher.Actor, voucher.Decision) (T, error)
	assign   func(context.Context, voucher.Actor, voucher.AssignParams) (T, error)
	withdraw func(context.Context, voucher.Actor, voucher.WithdrawParams) (T, error)
	pdf      http.HandlerFunc
}

// mountReviewed registers the routes every reviewed record has under /api/{kind}.
func mountReviewed[T any](a *voucherAPI, mux *http.ServeMux, kind string, k reviewedRoutes[T]) {
	base := "/api/" + kind
	mux.HandleFunc("GET "+base, a.get(func(ctx context.Context, who voucher.Actor, r *http.Request) (any, error) {
		q, err := listQuery(r)
		if err != nil {
			return nil, err
		}
		return k.list(ctx, who, q)
	}))
	mux.HandleFunc("GET "+base+"/{id}", a.get(func(ctx context.Context, who voucher.Actor, r *http.Request) (any, error) {
		return k.get(ctx, who, r.PathValue("id"))
	}))
	mux.HandleFunc("POST "+base+"/{id}/submit", post(a, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in versioned) (any, error) {
		return k.submit(ctx, who, voucher.SubmitParams{Key: key, ID: r.PathValue("id"), Version: in.Version})
	}))
	mux.HandleFunc("POST "+base+"/{id}/review", post(a, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in voucher.Decision) (any, error) {
		in.Key, in.ID = key, r.PathValue("id")
		return k.review(ctx, who, in)
	}))
	mux.HandleFunc("POST "+base+"/{id}/assign", post(a, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in assignment) (any, error) {
		return k.assign(ctx, who, voucher.AssignParams{Key: key, ID: r.PathValue("id"), Version: in.Version,
			Stage: in.Stage, Reviewer: in.Reviewer})
	}))
	mux.HandleFunc("POST "+base+"/{id}/withdraw", post(a, func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in reasoned) (any, error) {
		return k.withdraw(ctx, who, voucher.WithdrawParams{Key: key, ID: r.PathValue("id"), Version: in.Version, Reason: in.Reason})
	}))
	mux.HandleFunc("GET "+base+"/{id}/audit", a.get(func(ctx context.Context, who voucher.Actor, r *http.Request) (any, error) {
		return a.svc.Audit(ctx, who, k.stream, r.PathValue("id"))
	}))
	mux.HandleFunc("GET "+base+"/{id}/form.pdf", k.pdf)
}

type versioned struct {
	Version int64 `json:"version"`
}

type reasoned struct {
	Version int64  `json:"version"`
	Reason  string `json:"reason"`
}

type assignment struct {
	Version  int64         `json:"version"`
	Stage    voucher.State `json:"stage"`
	Reviewer string        `json:"reviewer"`
}

// actor returns the demo person the request acts as.
func (a *voucherAPI) actor(r *http.Request) (voucher.Actor, error) {
	name := r.Header.Get("X-Demo-Actor")
	if name == "" {
		name = r.URL.Query().Get("as")
	}
	who, ok := a.actors[name]
	if !ok {
		return voucher.Actor{}, cxq.NewFieldError("actor", "unknown_actor", map[string]string{"value": name},
			cxq.T("请用 X-Demo-Actor 选择示例用户（enterprise、provider、district、professional、expert、office）",
				"choose a demo person with X-Demo-Actor (enterprise, provider, district, professional, expert, office)"))
	}
	return who, nil
}

func (a *voucherAPI) listActors(w http.ResponseWriter, r *http.Request) {
	writeAPI(w, http.StatusOK, a.actors)
}

// get adapts a read to an http.HandlerFunc.
func (a *voucherAPI) get(fn func(ctx context.Context, who voucher.Actor, r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		who, err := a.actor(r)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		out, err := fn(r.Context(), who, r)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		writeAPI(w, http.StatusOK, out)
	}
}

// post adapts a change with a JSON body of type In to an http.HandlerFunc. The
// Idempotency-Key header is passed on: a retry with the same key has one effect.
func post[In any](a *voucherAPI, fn func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in In) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		who, err := a.actor(r)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		var in In
		if err := decodeBody(w, r, a.maxBytes, &in); err != nil {
			a.fail(w, r, err)
			return
		}
		out, err := fn(r.Context(), who, r.Header.Get("Idempotency-Key"), r, in)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		writeAPI(w, http.StatusOK, out)
	}
}

// decodeBody reads one JSON object of at most max bytes; unknown fields are errors.
func decodeBody(w http.ResponseWriter, r *http.Request, max int64, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, max))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return cxq.NewFieldError("body", cxq.CodeTooLong, map[string]string{"max": strconv.FormatInt(max, 10)},
				cxq.T("请求体不得超过 {max} 字节", "the request body must be at most {max} bytes"))
		}
		return bodyError(err)
	}
	if dec.More() {
		return cxq.NewFieldError("body", cxq.CodeFormat, nil, cxq.T("请求体只能有一个 JSON 对象", "the body must hold one JSON object"))
	}
	return nil
}

// bodyError says what is wrong with a request body in words a person can act on: the
// field and its problem, never the decoder's own text (which names Go types).
func bodyError(err error) error {
	var fe *cxq.FieldError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &fe):
		return fe
	case errors.As(err, &te):
		return cxq.NewFieldError(te.Field, cxq.CodeFormat, map[string]string{"field": te.Field},
			cxq.T("字段 {field} 的值类型不正确", "the value of {field} has the wrong type"))
	case strings.HasPrefix(err.Error(), `json: unknown field "`):
		name := strings.TrimSuffix(strings.TrimPrefix(err.Error(), `json: unknown field "`), `"`)
		return cxq.NewFieldError(cxq.Clip(name, 40), cxq.CodeFormat, map[string]string{"field": cxq.Clip(name, 40)},
			cxq.T("请求体含未知字段 {field}", "the body holds an unknown field {field}"))
	}
	return cxq.NewFieldError("body", cxq.CodeFormat, nil, cxq.T("请求体不是有效的 JSON", "the request body is not valid JSON"))
}

// listQuery reads the list parameters: product, provider, status, page, per_page.
func listQuery(r *http.Request) (voucher.Query, error) {
	v := r.URL.Query()
	q := voucher.Query{Product: v.Get("product"), Provider: v.Get("provider"), Status: voucher.State(v.Get("status")),
		Queue: v.Get("queue") == "1"}
	var p cxq.Problems
	for _, f := range []struct {
		name string
		to   *int
		max  int
	}{{"page", &q.Page, 1_000_000}, {"per_page", &q.PerPage, voucher.MaxPerPage}} {
		s := v.Get(f.name)
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > f.max {
			p.Add(cxq.NewFieldError(f.name, cxq.CodeOutOfRange, map[string]string{"min": "1", "max": strconv.Itoa(f.max)},
				cxq.T(f.name+" 应为 {min} 到 {max} 之间的整数", f.name+" must be a whole number from {min} to {max}")))
			continue
		}
		*f.to = n
	}
	return q, p.Err()
}

// fail answers an error in the kernel's JSON shape with the status of its kind.
func (a *voucherAPI) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusInternalServerError
	switch {
	case errors.Is(err, cxq.ErrInvalid):
		status = http.StatusBadRequest
	case errors.Is(err, cxq.ErrNotFound):
		status = http.StatusNotFound
	case errors.Is(err, cxq.ErrForbidden):
		status = http.StatusForbidden
	case errors.Is(err, cxq.ErrConflict):
		status = http.StatusConflict
	}
	if status == http.StatusInternalServerError {
		a.logger.ErrorContext(r.Context(), "voucher API", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	writeAPI(w, status, voucher.Explain(err))
}

func writeAPI(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"errors":[{"field":"","code":"internal","params":{},"message_zh":"内部错误","message_en":"internal error"}]}` + "\n")
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = io.Copy(w, &buf)
}
