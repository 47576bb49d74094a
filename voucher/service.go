package voucher

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Config wires a [Service]. Store, Now, Programme, Catalog, Enterprises, People and
// Audit are required; the rest have defaults.
type Config struct {
	Store Store
	// Now is the clock; every time the service records comes from it.
	Now func() time.Time
	// Programme is the programme run: its policies and workflows (e.g.
	// ShippedProgramme(policy.PresetTianjin)).
	Programme Programme
	// Catalog finds the products orders are placed for.
	Catalog Catalog
	// Enterprises finds the enterprises' current data (certification, district).
	Enterprises Enterprises
	// Audit holds the keys of the audit trail: the MAC key (or Unkeyed) and the
	// checkpoint signer. Required; see AuditKeys.
	Audit AuditKeys
	// People finds the persons the office assigns as reviewers. Required.
	People People
	// IDs names new records. Defaults to RandomIDs().
	IDs IDs
	// Logger receives denials and retries. Defaults to discarding.
	Logger *slog.Logger
	// ReminderDays are how many days before each deadline (first use, end of validity,
	// redemption after filing) a reminder is written to the outbox. Defaults to
	// DefaultReminderDays (30, 7, 1) when nil; empty sends none. Each is between 1 and
	// MaxReminderDays, none repeated.
	ReminderDays []int
}

// Service is the voucher programme's use cases, one method each: orders (PlaceOrder,
// ConfirmOrder, MyOrders, RecordDelivery, EvaluateOrder, ProviderRating), applications (SaveApplication, SubmitApplication,
// ReviewApplication, WithdrawApplication, AssignApplication, Application, Applications),
// redemptions (StartRedemption, AddInvoice, RemoveInvoice,
// AddContract, RemoveContract, SaveRedemption, SubmitRedemption, ReviewRedemption,
// WithdrawRedemption, AssignRedemption, Redemption, Redemptions), deadlines
// (ApplyDeadlines, Deadlines), returns (PreviewReturn, RequestReturn, DecideReturn,
// Returns), sanctions (Sanction, LiftSanction, Sanctions) and the audit trail (Audit,
// VerifyAudit). It is safe for
// concurrent use; many Services (processes) may share one Store.
//
// Every mutating method takes an idempotency key ("" for none): the same key from the
// same actor with the same input returns the first result and has one effect; with
// another input it is a *cxq.FieldError with code CodeKeyReused.
//
// Authorization is checked inside the call, in the transaction that makes the change,
// and denials are logged to Config.Logger. An enterprise sees and acts on its own
// records only; a provider confirms orders for its own products; a district reviewer
// sees the records of the district snapshotted at submission; professional reviewers
// and experts see the records they are assigned to (by the programme office, through
// AssignApplication and AssignRedemption); the programme office sees everything. A
// record outside the actor's scope answers exactly like a missing one (cxq.ErrNotFound);
// a visible record the actor may not act on answers cxq.ErrForbidden. The review engine
// enforces the role and scope of each stage and the separation of duties: one person acts
// on at most one review stage of a case, across rounds. Lists and queues are scoped in the
// Store query, so their totals count only what the actor may see.
//
// Errors: cxq.ErrNotFound, cxq.ErrForbidden (*DeniedError, *review.ForbiddenError,
// *IneligibleError), cxq.ErrInvalid (*cxq.ValidationError, *cxq.FieldError),
// cxq.ErrConflict (a stale version, a uniqueness rule, *review.TransitionError,
// *OrderStateError, *VoucherStateError, and ErrQuotaExhausted / *QuotaError when the
// annual quota cannot hold a claim).
type Service struct {
	store     Store
	now       func() time.Time
	ids       IDs
	catalog   Catalog
	ents      Enterprises
	policies  *policy.Registry
	programme string
	appFlow   *review.Workflow
	redFlow   *review.Workflow
	keys      AuditKeys
	people    People
	apps      *aggregate[Application, *Application]
	reds      *aggregate[Redemption, *Redemption]
	log       *slog.Logger
	reminders []int
	rubric    policy.Rubric
}

// New checks cfg and returns a Service.
func New(cfg Config) (*Service, error) {
	var missing []string
	for name, ok := range map[string]bool{
		"Store": cfg.Store != nil, "Now": cfg.Now != nil, "Catalog": cfg.Catalog != nil, "Enterprises": cfg.Enterprises != nil,
		"People": cfg.People != nil,
	} {
		if !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, fmt.Errorf("voucher: Config lacks %v: %w", missing, cxq.ErrInvalid)
	}
	pr := cfg.Programme
	if err := pr.check(); err != nil {
		return nil, err
	}
	if err := cfg.Audit.check(); err != nil {
		return nil, err
	}
	if err := checkReminderDays(cfg.ReminderDays); err != nil {
		return nil, err
	}
	s := &Service{
		store: cfg.Store, now: cfg.Now, ids: cfg.IDs, catalog: cfg.Catalog, ents: cfg.Enterprises,
		policies: pr.Policies, programme: pr.Policy, appFlow: pr.ApplicationFlow, redFlow: pr.RedemptionFlow,
		keys: cfg.Audit, people: cfg.People, log: cfg.Logger, reminders: reminderDays(cfg.ReminderDays),
		rubric: pr.rubric(),
	}
	if s.ids == nil {
		s.ids = RandomIDs()
	}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s.apps, s.reds = s.applications(), s.redemptions()
	return s, nil
}

// Store returns the Store the service writes to.
func (s *Service) Store() Store { return s.store }

// ApplicationFlow returns the workflow applications are reviewed under: the stages,
// statuses and action labels a page shows.
func (s *Service) ApplicationFlow() *review.Workflow { return s.appFlow }

// RedemptionFlow returns the workflow redemptions are reviewed under.
func (s *Service) RedemptionFlow() *review.Workflow { return s.redFlow }

// Catalog returns the products and providers orders are placed for.
func (s *Service) Catalog() Catalog { return s.catalog }

// Enterprises returns the enterprises the service knows.
func (s *Service) Enterprises() Enterprises { return s.ents }

// People returns the people who may be assigned to review.
func (s *Service) People() People { return s.people }

// Now returns the service's current time, as it stores it (UTC, microseconds).
func (s *Service) Now() time.Time { return s.clock() }

// clock returns the current time in UTC at microsecond precision, as stored.
func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// mutate runs fn in one transaction under the idempotency key (none when key is ""):
// a key seen before with the same op, actor (role, organisation, district) and input
// returns the first result and changes nothing; with anything else it fails with a
// *cxq.FieldError (CodeKeyReused), also when the first call failed. The key's record is
// written in the call's own transaction, whose uniqueness rule refuses a second result;
// when concurrent calls with one key race, the losers are refused (by that rule or the
// record's) and then find the winner's result and return it (keyed.settle).
func mutate[T any](ctx context.Context, s *Service, a Actor, key, op string, input any,
	fn func(tx Tx, now time.Time) (T, error)) (T, error) {
	return mutateOwn(ctx, s, a, key, op, input, func(tx Tx, now time.Time) (*T, error) {
		v, err := fn(tx, now)
		return &v, err
	})
}

// mutateOwn is mutate for a function that returns its result in a variable of its own
// (the record it read and changed, which is on the heap already), so that the result
// is not copied into another before it is returned.
func mutateOwn[T any](ctx context.Context, s *Service, a Actor, key, op string, input any,
	fn func(tx Tx, now time.Time) (*T, error)) (T, error) {
	var zero T
	var out *T
	k, err := newKeyed(s, a, key, op, input)
	if err != nil {
		return zero, err
	}
	err = s.store.Update(ctx, func(tx Tx) error {
		out = nil // a store that runs fn again starts it afresh
		if found, err := k.replay(ctx, tx, &out); found || err != nil {
			return err
		}
		now := s.clock()
		ct := &callTx{Tx: tx}
		v, err := fn(ct, now)
		if err != nil {
			return err
		}
		if out = v; out == nil {
			out = new(T)
		}
		return saveResult(ctx, k, ct, out, now)
	})
	if err == nil || key == "" || ctx.Err() != nil {
		if out == nil { // a result replayed as null, or none
			return zero, err
		}
		return *out, err
	}
	var again T
	if found, verr := k.settle(ctx, err, &again); found {
		if verr != nil {
			return zero, verr
		}
		return again, nil
	}
	return zero, err
}

// view runs fn with read access.
func view[T any](ctx context.Context, s *Service, fn func(tx Tx) (T, error)) (T, error) {
	var out T
	err := s.store.View(ctx, func(tx Tx) error {
		v, err := fn(tx)
		out = v
		return err
	})
	return out, err
}

// audit links e after its stream's last entry (seq and head as the record holds them;
// 0 and "" for a new stream) and the trail's tail, under the audit key, with content (the
// record as it is stored after the change, nil for none) hashed into it, and appends it.
func (s *Service) audit(ctx context.Context, tx Tx, e AuditEntry, seq int64, head string, content any) (AuditEntry, error) {
	if content != nil {
		h, err := ContentHash(content)
		if err != nil {
			return e, err
		}
		e.Content = h
	}
	return s.appendAudit(ctx, tx, e, seq, head)
}

// appendAudit links e (its Content set) after its stream's last entry and the trail's
// tail, and appends it.
func (s *Service) appendAudit(ctx context.Context, tx Tx, e AuditEntry, seq int64, head string) (AuditEntry, error) {
	var prev *AuditEntry
	if seq > 0 {
		prev = &AuditEntry{Stream: e.Stream, Seq: seq, Hash: head}
	}
	tail, err := tx.AuditTail(ctx)
	if err != nil {
		return e, err
	}
	e = e.Link(prev, tail, s.keys.MAC)
	return e, tx.AppendAudit(ctx, e)
}

// reviewActor presents a to the review engine, with the assignments the record holds.
func reviewActor(a Actor, caseID string, assignments map[State]string) review.Actor {
	ra := review.Actor{ID: a.ID, Roles: []review.Role{a.Role}, Org: a.Org, District: a.District}
	for st, who := range assignments {
		if who == a.ID {
			ra.Assignments = append(ra.Assignments, review.Assignment{Case: caseID, State: st})
		}
	}
	return ra
}

// VerifyAudit checks the whole audit trail, in one read-only snapshot: the trail and
// every record's stream chain under the audit key; every order, application,
// redemption and quota row matches the content its last entry committed to, and none is
// missing from, or absent in, the trail; every review case's own history verifies; and,
// for each checkpoint given, its signature verifies and the trail still holds it. It
// returns nil or an error matching cxq.ErrTampered (a *cxq.TamperError naming the first
// stream and entry that fail).
func (s *Service) VerifyAudit(ctx context.Context, checkpoints ...Checkpoint) error {
	return s.store.View(ctx, func(tx Tx) error {
		entries, err := tx.Audit(ctx, "")
		if err != nil {
			return err
		}
		records, err := s.recordStates(ctx, tx)
		if err != nil {
			return err
		}
		if _, err := VerifyTrail(entries, records, s.keys.MAC); err != nil {
			return err
		}
		for _, cp := range checkpoints {
			if err := checkAgainst(cp, s.keys.verifier(), entries); err != nil {
				return err
			}
		}
		if cc, ok := tx.(ColumnChecker); ok {
			if err := cc.CheckColumns(ctx); err != nil {
				return err
			}
		}
		return s.verifyCases(ctx, tx)
	})
}

// Checkpoint signs the trail's tail as it is now (see [Checkpoint]); it needs
// Config.Audit.Signer.
func (s *Service) Checkpoint(ctx context.Context) (Checkpoint, error) {
	if s.keys.Signer == nil {
		return Checkpoint{}, fmt.Errorf("voucher: no checkpoint signer (Config.Audit.Signer): %w", cxq.ErrInvalid)
	}
	tail, err := view(ctx, s, func(tx Tx) (AuditTail, error) { return tx.AuditTail(ctx) })
	if err != nil {
		return Checkpoint{}, err
	}
	cp := Checkpoint{Size: tail.Pos, Head: tail.Hash, At: s.clock()}
	cp.Signature = ed25519.Sign(s.keys.Signer, cp.SignedBytes())
	return cp, nil
}

// recordStates reads every record's head and content, by stream.
func (s *Service) recordStates(ctx context.Context, tx Tx) (map[string]RecordState, error) {
	out := map[string]RecordState{}
	orders, _, err := tx.Orders(ctx, OrderFilter{})
	if err != nil {
		return nil, err
	}
	for _, o := range orders {
		head := o.AuditHead
		o.AuditHead, o.AuditSeq = "", 0
		if err := putState(out, StreamOf(StreamOrder, o.ID), head, false, o); err != nil {
			return nil, err
		}
	}
	if err := recordsOf(ctx, tx, s.apps, out); err != nil {
		return nil, err
	}
	if err := recordsOf(ctx, tx, s.reds, out); err != nil {
		return nil, err
	}
	uploads, err := tx.Uploads(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range uploads {
		if err := putState(out, StreamOf(StreamUpload, u.ID), "", true, u); err != nil {
			return nil, err
		}
	}
	quotas, err := tx.Quotas(ctx)
	if err != nil {
		return nil, err
	}
	for _, q := range quotas {
		if err := putState(out, StreamOf(StreamQuota, q.Key.String()), "", true, q); err != nil {
			return nil, err
		}
	}
	return out, docStates(ctx, tx, out)
}

// putState adds the state of one record: the head it holds (none when headless: a quota
// row or an upload) and the hash of its content.
func putState(out map[string]RecordState, stream, head string, headless bool, content any) error {
	h, err := ContentHash(content)
	out[stream] = RecordState{Head: head, Content: h, Headless: headless}
	return err
}

// recordsOf adds the state of every record of one kind.
func recordsOf[T any, P reviewed[T]](ctx context.Context, tx Tx, g *aggregate[T, P], out map[string]RecordState) error {
	recs, _, err := g.table(tx).List(ctx, ListFilter{})
	if err != nil {
		return err
	}
	for i := range recs {
		c := P(&recs[i]).core()
		head := c.AuditHead
		c.AuditHead, c.AuditSeq = "", 0
		if err := putState(out, StreamOf(g.kind, c.ID), head, false, &recs[i]); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) verifyCases(ctx context.Context, tx Tx) error {
	if err := verifyCases(ctx, tx, s.apps); err != nil {
		return err
	}
	return verifyCases(ctx, tx, s.reds)
}

// verifyCases checks the review history of every record of one kind against its
// workflow.
func verifyCases[T any, P reviewed[T]](ctx context.Context, tx Tx, g *aggregate[T, P]) error {
	recs, _, err := g.table(tx).List(ctx, ListFilter{})
	if err != nil {
		return err
	}
	for i := range recs {
		c := P(&recs[i]).core()
		if c.Case.ID == "" {
			continue
		}
		if err := review.VerifyCase(g.flow, c.Case); err != nil {
			return fmt.Errorf("voucher: %s %s: %w", g.kind, c.ID, err)
		}
	}
	return nil
}

// Audit returns the audit trail of one record the actor may see; kind is StreamOrder,
// StreamApplication, StreamRedemption, KindPublication or KindObjection.
func (s *Service) Audit(ctx context.Context, a Actor, kind, id string) ([]AuditEntry, error) {
	return view(ctx, s, func(tx Tx) ([]AuditEntry, error) {
		var err error
		switch kind {
		case StreamOrder:
			_, err = s.readOrder(ctx, tx, a, id)
		case StreamApplication:
			_, err = read(ctx, s, tx, s.apps, a, id)
		case StreamRedemption:
			_, err = read(ctx, s, tx, s.reds, a, id)
		case KindPublication, KindObjection:
			err = s.noticeTrail(ctx, tx, a, kind, id)
		default:
			return nil, notFound(kind, id)
		}
		if err != nil {
			return nil, err
		}
		return tx.Audit(ctx, StreamOf(kind, id))
	})
}
