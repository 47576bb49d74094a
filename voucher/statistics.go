package voucher

import (
	"context"
	"errors"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/policy"
	"github.com/cxqkit/cxq/voucher/stats"
)

// StatsQuery narrows the figures of [Service.Statistics].
type StatsQuery struct {
	// Policy keeps only the records judged under the policy with this ID (a voucher
	// type); "" keeps every record, drafts (judged under no policy yet) included.
	Policy string `json:"policy,omitempty"`
}

// keeps reports whether the query keeps a record.
func (q StatsQuery) keeps(r Record) bool { return q.Policy == "" || r.Policy.ID == q.Policy }

// statsPage is how many records one read returns while the figures and the exports page
// through a table: large, since every driver sorts the table on each read, small enough
// that a page of records stays a few megabytes.
const statsPage = 5000

// Statistics computes the figures of the records the actor may see (package
// voucher/stats): the programme office sees every record, a district reviewer its
// district's, a professional reviewer or expert what is assigned to them now, a
// provider the records of its own products; an enterprise sees no figures. The records
// and the quotas they charge are read in one read-only transaction, page by page.
func (s *Service) Statistics(ctx context.Context, a Actor, q StatsQuery) (stats.Report, error) {
	in, err := s.statsInput(ctx, a, q)
	if err != nil {
		return stats.Report{}, err
	}
	return stats.Build(in), nil
}

// StatisticsRecords lists the records behind one figure of [Service.Statistics] (the
// Drill of its row), in the lists' order (newest first, applications before
// redemptions). An unknown kind or dimension is a *cxq.FieldError.
func (s *Service) StatisticsRecords(ctx context.Context, a Actor, q StatsQuery, d stats.Drill) ([]stats.Fact, error) {
	var p cxq.Problems
	if !d.Kind.Valid() {
		p.Add(cxq.NewFieldError("kind", cxq.CodeInvalid, nil, cxq.T("统计对象无效", "unknown kind of record")))
	}
	if !d.Dim.Valid() {
		p.Add(cxq.NewFieldError("dim", cxq.CodeInvalid, nil, cxq.T("统计维度无效", "unknown dimension")))
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	in, err := s.statsInput(ctx, a, q)
	if err != nil {
		return nil, err
	}
	return stats.Select(in.Facts, d), nil
}

// statsScope is what the actor's figures count: the lists' scope ([scope]), except that
// a provider's person counts the records of its own products (keep) and an enterprise
// counts nothing.
func statsScope(a Actor) (f ListFilter, keep func(*Record) bool, ok bool) {
	keep = func(*Record) bool { return true }
	switch a.Role {
	case RoleEnterprise:
		return f, keep, false
	case RoleProvider:
		return f, func(r *Record) bool { return providerOf(a, r) }, a.Org != ""
	}
	return f, keep, scope(a, &f)
}

// eachRecord calls fn for every record of tb matching f, reading statsPage at a time.
func eachRecord[T any](ctx context.Context, tb Records[T], f ListFilter, fn func(T) error) error {
	f.Limit = statsPage
	for f.Offset = 0; ; f.Offset += statsPage {
		items, total, err := tb.List(ctx, f)
		if err != nil {
			return err
		}
		for _, it := range items {
			if err := fn(it); err != nil {
				return err
			}
		}
		if len(items) < statsPage || f.Offset+len(items) >= total {
			return nil
		}
	}
}

// statsInput reads the actor's records and the quotas they charge as the figures' input.
func (s *Service) statsInput(ctx context.Context, a Actor, q StatsQuery) (stats.Input, error) {
	in := stats.Input{Label: s.StatsLabel}
	f, keep, ok := statsScope(a)
	if !ok {
		return in, nil
	}
	pl := &places{s: s, ents: map[string]string{}, provs: map[string]string{}}
	err := s.store.View(ctx, func(tx Tx) error {
		in.Facts, in.Quotas = nil, nil
		keys := map[QuotaKey]bool{}
		err := eachRecord(ctx, tx.Applications(), f, func(app Application) error {
			if !keep(&app.Record) || !q.keeps(app.Record) {
				return nil
			}
			fact, err := pl.fact(ctx, stats.Applications, app.Record)
			if err != nil {
				return err
			}
			applicationFigures(&fact, app)
			if app.Quota.EnterpriseID != "" {
				keys[app.Quota] = true
			}
			in.Facts = append(in.Facts, fact)
			return nil
		})
		if err != nil {
			return err
		}
		if err := s.redemptionFacts(ctx, tx, f, keep, q, pl, &in); err != nil {
			return err
		}
		in.Quotas, err = quotaFacts(ctx, tx, keys)
		return err
	})
	return in, err
}

// redemptionFacts appends the facts of the redemptions f and keep select.
func (s *Service) redemptionFacts(ctx context.Context, tx Tx, f ListFilter, keep func(*Record) bool, q StatsQuery, pl *places, in *stats.Input) error {
	return eachRecord(ctx, tx.Redemptions(), f, func(r Redemption) error {
		if !keep(&r.Record) || !q.keeps(r.Record) {
			return nil
		}
		fact, err := pl.fact(ctx, stats.Redemptions, r.Record)
		if err != nil {
			return err
		}
		fact.Claimed = r.Total
		if !fact.Approved.IsZero() {
			fact.Granted = r.Actual
			if r.Paid() {
				fact.Redeemed = r.Actual.Sub(r.Reclaimed)
			}
		}
		in.Facts = append(in.Facts, fact)
		return nil
	})
}

// quotaFacts returns the quota rows named in keys, in the store's order.
func quotaFacts(ctx context.Context, tx Tx, keys map[QuotaKey]bool) ([]stats.Quota, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	all, err := tx.Quotas(ctx)
	if err != nil {
		return nil, err
	}
	var out []stats.Quota
	for _, q := range all {
		if keys[q.Key] {
			out = append(out, stats.Quota{PolicyID: q.Key.PolicyID, Period: q.Key.Period, Cap: q.Cap,
				Reserved: q.Reserved, Consumed: q.Consumed, Unbounded: q.Cap.Equal(cxq.MaxMoney())})
		}
	}
	return out, nil
}

// places looks up, once each, the regions of the enterprises and of the products'
// providers.
type places struct {
	s     *Service
	ents  map[string]string
	provs map[string]string
}

// fact flattens the core of a record.
func (p *places) fact(ctx context.Context, k stats.Kind, r Record) (stats.Fact, error) {
	submitted, approved, refusals := stats.FromHistory(r.Case.History)
	f := stats.Fact{Kind: k, ID: r.ID, OrderID: r.OrderID, EnterpriseID: r.EnterpriseID, ProductName: r.Product.Name,
		ProviderID: r.Product.ProviderID, ProviderName: r.Product.ProviderName, Status: r.State(), District: r.District(),
		PolicyID: r.Policy.ID, Created: r.Created, Submitted: submitted, Approved: approved, Refusals: refusals}
	var err error
	if f.EnterpriseRegion, err = p.enterprise(ctx, r.EnterpriseID); err != nil {
		return f, err
	}
	f.ProviderRegion, err = p.provider(ctx, r.Product.ID)
	return f, err
}

func (p *places) enterprise(ctx context.Context, id string) (string, error) {
	if reg, ok := p.ents[id]; ok {
		return reg, nil
	}
	e, err := p.s.ents.Enterprise(ctx, id)
	if err != nil && !errors.Is(err, cxq.ErrNotFound) {
		return "", err
	}
	p.ents[id] = region(e.Place.Region)
	return p.ents[id], nil
}

func (p *places) provider(ctx context.Context, productID string) (string, error) {
	if reg, ok := p.provs[productID]; ok {
		return reg, nil
	}
	_, prov, err := p.s.catalog.Product(ctx, productID)
	if err != nil && !errors.Is(err, cxq.ErrNotFound) {
		return "", err
	}
	p.provs[productID] = region(string(prov.Region))
	return p.provs[productID], nil
}

// region is a region's name as the figures group it: 北京市 and 北京 alike.
func region(s string) string {
	if s == "" {
		return ""
	}
	return policy.PlaceName(s)
}

// StatsLabel names a key of the figures for people, as the report's rows and the
// exports print it: statuses as the enterprise sees them, policies by name, refusals by
// the action and the stage they were taken in, a return as 企业退券, an expiry by the
// usage rule that ended the voucher; zero when it has no name (the key is shown then).
func (s *Service) StatsLabel(k stats.Kind, d stats.Dim, key string) cxq.Text {
	flow := s.appFlow
	if k == stats.Redemptions {
		flow = s.redFlow
	}
	switch d {
	case stats.ByStatus:
		return s.status(k, review.State(key))
	case stats.ByPolicy:
		if p, err := s.policies.Latest(key); err == nil && p.Name.ZH != "" {
			return p.Name
		}
	case stats.ByRefusal:
		code, stage, _ := strings.Cut(key, "@")
		if code == EndedReturned {
			return cxq.T("企业退券", "returned by the enterprise")
		}
		if review.State(stage) == stats.StageExpired {
			why := policy.UsageLabel(code)
			if why.ZH == "" {
				why = cxq.T(code, code)
			}
			return cxq.T("期满收回（"+why.ZH+"）", "revoked at the deadline ("+why.EN+")")
		}
		act, st := flow.ActionLabel(review.Action(code)), flow.Status(review.State(stage))
		if act.ZH != "" {
			return cxq.T(act.ZH+"（"+st.ZH+"）", act.EN+" ("+st.EN+")")
		}
	}
	return cxq.Text{}
}

// applicationFigures sets what the figures count of app: its standing as its status
// (a returned voucher is not counted as 复审通过), what the voucher still holds or was
// paid as granted — so money a return, an expiry, a lower redemption or a clawback
// released is granted again to the next claim, never twice — and its ending outside
// review as a refusal: a return in the state it was returned from, an expiry once per
// reason the usage rules gave.
func applicationFigures(fact *stats.Fact, app Application) {
	fact.Status = app.Standing()
	fact.Claimed, fact.Redeemed = app.Amount, app.Paid
	if !fact.Approved.IsZero() {
		fact.Granted = app.Reserved.Add(app.Paid)
	}
	// Its last change is when it ended (Since is when it was approved, since ending keeps
	// the review state); only a later clawback of a paid part would move it.
	switch {
	case app.Ended == EndedReturned:
		fact.Refusals = append(fact.Refusals, stats.Refusal{Code: EndedReturned, Stage: app.State(), Time: app.Updated})
	case app.Ended != "":
		for _, code := range strings.Split(app.Ended, ",") {
			fact.Refusals = append(fact.Refusals, stats.Refusal{Code: code, Stage: stats.StageExpired, Time: app.Updated})
		}
	}
}
