package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

// Fault is what a Faulty store does to the next Update.
type Fault int

// The faults a Faulty store injects.
const (
	NoFault      Fault = iota
	BeforeCommit       // fn runs, then the transaction fails and rolls back
	AfterCommit        // the transaction commits, then the caller gets an error (a lost reply)
	Cancel             // the context is cancelled while fn runs
	ReadFails          // every read of a record fails with ErrInjected (next Update or View)
	MarkFails          // every UpdateNotice (a delivery worker's mark) fails with ErrInjected
)

// ErrInjected is the error a Faulty store injects.
var ErrInjected = errors.New("storetest: injected fault")

// Faulty wraps a Store and injects one fault into the next Update, once.
type Faulty struct {
	voucher.Store
	mu   sync.Mutex
	next Fault
}

// Inject arms f for the next Update.
func (f *Faulty) Inject(fault Fault) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.next = fault
}

func (f *Faulty) take() Fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	fault := f.next
	f.next = NoFault
	return fault
}

// Update runs the inner Update with the armed fault.
func (f *Faulty) Update(ctx context.Context, fn func(voucher.Tx) error) error {
	switch f.take() {
	case BeforeCommit:
		return f.Store.Update(ctx, func(tx voucher.Tx) error {
			if err := fn(tx); err != nil {
				return err
			}
			return ErrInjected
		})
	case AfterCommit:
		if err := f.Store.Update(ctx, fn); err != nil {
			return err
		}
		return ErrInjected
	case ReadFails:
		return f.Store.Update(ctx, func(tx voucher.Tx) error { return fn(failingReads{tx}) })
	case MarkFails:
		return f.Store.Update(ctx, func(tx voucher.Tx) error { return fn(failingMarks{tx}) })
	case Cancel:
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		return f.Store.Update(ctx, func(tx voucher.Tx) error {
			err := fn(tx)
			cancel()
			return err
		})
	}
	return f.Store.Update(ctx, fn)
}

// View runs the inner View, with failing reads when ReadFails is armed.
func (f *Faulty) View(ctx context.Context, fn func(voucher.Tx) error) error {
	f.mu.Lock()
	armed := f.next == ReadFails
	if armed {
		f.next = NoFault
	}
	f.mu.Unlock()
	if armed {
		return f.Store.View(ctx, func(tx voucher.Tx) error { return fn(failingReads{tx}) })
	}
	return f.Store.View(ctx, fn)
}

// failingReads is a Tx whose reads of orders, applications and redemptions fail, as a
// storage failure would.
type failingReads struct{ voucher.Tx }

func (failingReads) Order(context.Context, string) (voucher.Order, error) {
	return voucher.Order{}, ErrInjected
}

func (t failingReads) Applications() voucher.Records[voucher.Application] {
	return failingTable[voucher.Application]{t.Tx.Applications()}
}

func (t failingReads) Redemptions() voucher.Records[voucher.Redemption] {
	return failingTable[voucher.Redemption]{t.Tx.Redemptions()}
}

func (failingReads) Notice(context.Context, string) (voucher.Notice, error) {
	return voucher.Notice{}, ErrInjected
}

func (failingReads) Notices(context.Context, voucher.NoticeFilter) ([]voucher.Notice, error) {
	return nil, ErrInjected
}

func (failingReads) Messages(context.Context, voucher.MessageFilter) ([]voucher.Message, int, error) {
	return nil, 0, ErrInjected
}

func (failingReads) UnreadMessages(context.Context, []string) (int, error) { return 0, ErrInjected }

func (failingReads) ReadMessage(context.Context, []string, string, time.Time) error {
	return ErrInjected
}

// failingMarks is a Tx whose notice updates fail, as a store failing between a delivery
// and its mark would.
type failingMarks struct{ voucher.Tx }

func (failingMarks) UpdateNotice(context.Context, voucher.Notice) error { return ErrInjected }

type failingTable[T any] struct{ voucher.Records[T] }

func (failingTable[T]) Get(context.Context, string) (T, error) {
	var zero T
	return zero, ErrInjected
}

// snapshot is everything a call may change, to compare before and after.
type snapshot struct {
	audit   int
	notices int
	quota   string
	claims  int
	apps    int
	reds    int
}

func snap(t TB, w *World) snapshot {
	var s snapshot
	require.NoError(t, w.Store.View(bg, func(tx voucher.Tx) error {
		all, err := tx.Audit(bg, "")
		require.NoError(t, err)
		s.audit = len(all)
		ns, err := tx.Notices(bg, voucher.NoticeFilter{})
		require.NoError(t, err)
		s.notices = len(ns)
		_, s.apps, err = tx.Applications().List(bg, voucher.ListFilter{})
		require.NoError(t, err)
		_, s.reds, err = tx.Redemptions().List(bg, voucher.ListFilter{})
		return err
	}))
	q := w.Quota(2025)
	s.quota, s.claims = q.Reserved.String()+"/"+q.Consumed.String(), q.Claims
	return s
}

// RunFaults walks the lifecycle through a Faulty wrapper of each store and, at every
// mutating call, injects each fault: a failure before commit and a cancellation change
// nothing, and the retry with the same key succeeds; a failure after commit is followed
// by a retry with the same key that returns the first result with no second effect.
func RunFaults(t *testing.T, open Opener) {
	st := open(t)
	t.Cleanup(func() { _ = st.Close() })
	f := &Faulty{Store: st}
	w := NewWorld(t, f)
	o := w.Order(w.Enterprise, "P1")
	step := func(name string, call func(key string) (any, error)) any {
		t.Helper()
		return faultStep(t, w, f, name, call)
	}

	form := w.Form(w.Enterprise, "9099.00") // uploaded before the faults begin
	app := step("SaveApplication", func(k string) (any, error) {
		return w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: k, OrderID: o.ID, Form: form})
	}).(voucher.Application)
	step("SubmitApplication", func(k string) (any, error) {
		return w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: k, ID: app.ID})
	})
	step("ReviewApplication", func(k string) (any, error) {
		return w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: k, ID: app.ID, Action: review.Approve})
	})
	step("AssignApplication", func(k string) (any, error) {
		return w.Svc.AssignApplication(bg, w.Office, voucher.AssignParams{Key: k, ID: app.ID, Stage: review.ProfessionalReview, Reviewer: w.Professional.ID})
	})
	step("ReviewApplication", func(k string) (any, error) {
		return w.Svc.ReviewApplication(bg, w.Professional, voucher.Decision{Key: k, ID: app.ID, Action: review.Approve})
	})
	faultRedemption(t, w, step, app)
}

// faultRedemption walks the redemption of app through step, as RunFaults does.
func faultRedemption(t *testing.T, w *World, step func(string, func(string) (any, error)) any, app voucher.Application) {
	r := step("StartRedemption", func(k string) (any, error) {
		return w.Svc.StartRedemption(bg, w.Enterprise, voucher.StartRedemptionParams{Key: k, ApplicationID: app.ID})
	}).(voucher.Redemption)
	inv := w.NextInvoice(w.Enterprise, "9099.00")
	scan := w.Ref(w.Enterprise, voucher.SlotContractScan, "contract.pdf")
	files := []voucher.AttachmentRef{w.Ref(w.Enterprise, voucher.SlotProjectSummary, "summary.pdf"),
		w.Ref(w.Enterprise, voucher.SlotBankReceipt, "receipt.pdf")}
	r = step("AddInvoice", func(k string) (any, error) {
		return w.Svc.AddInvoice(bg, w.Enterprise, voucher.AddInvoiceParams{Key: k, ID: r.ID, Version: r.Version, Invoice: inv})
	}).(voucher.Redemption)
	r = step("AddContract", func(k string) (any, error) {
		return w.Svc.AddContract(bg, w.Enterprise, voucher.AddContractParams{Key: k, ID: r.ID, Version: r.Version, Contract: voucher.Contract{Name: "气相色谱检测技术服务合同",
			EffectiveAmount: inv.Amount, Scan: scan}})
	}).(voucher.Redemption)
	r = step("SaveRedemption", func(k string) (any, error) {
		return w.Svc.SaveRedemption(bg, w.Enterprise, voucher.RedemptionDraft{Key: k, ID: r.ID, Version: r.Version,
			Contact: voucher.Contact{Name: "张三", Phone: "13812345678", Email: "zhang@example.com"}, Outcome: "解决了检测难题。",
			Files: files})
	}).(voucher.Redemption)
	step("SubmitRedemption", func(k string) (any, error) {
		return w.Svc.SubmitRedemption(bg, w.Enterprise, voucher.SubmitParams{Key: k, ID: r.ID})
	})
	for _, d := range []struct {
		who   voucher.Actor
		stage voucher.State
		actor string
	}{{w.District, "", ""}, {w.Professional, review.FormalReview, w.Professional.ID}, {w.Expert, review.ExpertReview, w.Expert.ID}} {
		if d.stage != "" {
			step("AssignRedemption", func(k string) (any, error) {
				return w.Svc.AssignRedemption(bg, w.Office, voucher.AssignParams{Key: k, ID: r.ID, Stage: d.stage, Reviewer: d.actor})
			})
		}
		dec := voucher.Decision{ID: r.ID, Action: review.Approve}
		if d.stage == review.ExpertReview {
			dec.Fields = map[string]string{review.FieldActualAmount: "4000.00"}
		}
		step("ReviewRedemption", func(k string) (any, error) {
			dec.Key = k
			return w.Svc.ReviewRedemption(bg, d.who, dec)
		})
	}
	q := w.Quota(2025)
	require.Equal(t, "0.00", q.Reserved.String())
	require.Equal(t, "4000.00", q.Consumed.String(), "settled once despite every fault")
}

// faultStep runs call (which must use key) under every fault and returns its result.
func faultStep(t *testing.T, w *World, f *Faulty, name string, call func(key string) (any, error)) any {
	t.Helper()
	for _, fault := range []Fault{BeforeCommit, Cancel} {
		key := w.Key()
		before := snap(t, w)
		f.Inject(fault)
		_, err := call(key)
		require.Error(t, err, "%s under fault %d", name, fault)
		require.Equal(t, before, snap(t, w), "%s: a failed call changed something", name)
	}
	key := w.Key()
	f.Inject(AfterCommit)
	_, err := call(key)
	require.ErrorIs(t, err, ErrInjected, name)
	after := snap(t, w)
	res, err := call(key)
	require.NoError(t, err, "%s: retry after a lost reply", name)
	require.Equal(t, after, snap(t, w), "%s: the retry had a second effect", name)
	again, err := call(key)
	require.NoError(t, err)
	require.Equal(t, res, again, name)
	w.CheckInvariants()
	return res
}
