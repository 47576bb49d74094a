package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/storetest"
)

// result is one measured run.
type result struct {
	apps    int
	elapsed time.Duration
	allocs  uint64        // heap allocations during the run
	cpu     time.Duration // user and system CPU of the process during the run
}

func (r result) rate() float64 { return float64(r.apps) / r.elapsed.Seconds() }

// cpuPerApp is the process's CPU time per application, in µs.
func (r result) cpuPerApp() float64 { return float64(r.cpu.Microseconds()) / float64(r.apps) }

// meter reads the process's allocation count and CPU time.
type meter struct {
	allocs uint64
	cpu    time.Duration
}

func readMeter() meter {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return meter{allocs: ms.Mallocs, cpu: cpu}
}

// measure runs fn between two meter readings and then collects its garbage, charging the
// collection to it: when cxq and the floor take turns in one process, neither pays for
// the other's garbage.
func measure(apps int, fn func() (time.Duration, error)) (result, error) {
	before := readMeter()
	elapsed, err := fn()
	start := time.Now()
	runtime.GC()
	elapsed += time.Since(start)
	after := readMeter()
	return result{apps: apps, elapsed: elapsed, allocs: after.allocs - before.allocs, cpu: after.cpu - before.cpu}, err
}

// add returns the sum of two measurements.
func (r result) add(o result) result {
	return result{apps: r.apps + o.apps, elapsed: r.elapsed + o.elapsed, allocs: r.allocs + o.allocs, cpu: r.cpu + o.cpu}
}

// fatalTB is the storetest.TB of a program: a failed requirement ends it.
type fatalTB struct{}

func (fatalTB) Errorf(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }
func (fatalTB) FailNow()                          { os.Exit(1) }
func (fatalTB) Helper()                           {}

// prepareCXQ builds a World over st (a fresh store) and prepares n drafts in it.
func prepareCXQ(st voucher.Store, n int) (*storetest.World, []storetest.LifecycleJob) {
	w := storetest.NewWorld(fatalTB{}, st)
	return w, storetest.LifecycleDrafts(w, n)
}

// runCXQ prepares n drafts on st and measures cxq's submit and approval of all of them
// with clients concurrent callers, keyed MACs and content hashes on (the World's audit
// keys), then checks the whole trail.
func runCXQ(ctx context.Context, st voucher.Store, n, clients int) (result, error) {
	w, jobs := prepareCXQ(st, n)
	runtime.GC()
	r, err := measure(n, func() (time.Duration, error) { return storetest.RunLifecycle(w, jobs, clients) })
	if err != nil {
		return r, err
	}
	return r, verified(ctx, w)
}

// verified checks the whole trail of w's store after a run.
func verified(ctx context.Context, w *storetest.World) error {
	if err := w.Svc.VerifyAudit(ctx); err != nil {
		return fmt.Errorf("the trail does not verify after the run: %w", err)
	}
	return nil
}

// sampleSteps are the calls of one application's submission and approval, as actors
// and functions, so that samplePayloads can read what each stored.
func sampleSteps(ctx context.Context, w *storetest.World, id string) []sampleStep {
	return []sampleStep{
		{w.Enterprise, func(key string) error {
			_, err := w.Svc.SubmitApplication(ctx, w.Enterprise, voucher.SubmitParams{Key: key, ID: id})
			return err
		}},
		{w.District, func(key string) error {
			_, err := w.Svc.ReviewApplication(ctx, w.District, voucher.Decision{Key: key, ID: id, Action: review.Approve})
			return err
		}},
		{w.Office, func(key string) error {
			_, err := w.Svc.AssignApplication(ctx, w.Office, voucher.AssignParams{Key: key, ID: id,
				Stage: review.ProfessionalReview, Reviewer: w.Professional.ID})
			return err
		}},
		{w.Professional, func(key string) error {
			_, err := w.Svc.ReviewApplication(ctx, w.Professional, voucher.Decision{Key: key, ID: id, Action: review.Approve})
			return err
		}},
	}
}

// sampleStep is one call of the lifecycle: who makes it and how.
type sampleStep struct {
	actor voucher.Actor
	call  func(key string) error
}

// samplePayloads takes one application through the lifecycle on memstore and keeps what
// each transaction stored — the application's JSON, the idempotency result and the
// outbox notices — for the floor to write the same rows with the same bytes.
func samplePayloads(ctx context.Context) (payloads, error) {
	var p payloads
	st := memstore.New()
	w := storetest.NewWorld(fatalTB{}, st)
	app := w.Draft(w.Enterprise, "4000.00")
	b, err := json.Marshal(app)
	if err != nil {
		return p, err
	}
	p.draft = string(b)
	seen := map[string]bool{}
	if _, err := newNotices(ctx, st, seen); err != nil {
		return p, err
	}
	for i, step := range sampleSteps(ctx, w, app.ID) {
		key := fmt.Sprintf("floor-sample-%d", i)
		if err := step.call(key); err != nil {
			return p, err
		}
		err := st.View(ctx, func(tx voucher.Tx) error {
			a, err := tx.Applications().Get(ctx, app.ID)
			if err != nil {
				return err
			}
			b, err := json.Marshal(a)
			if err != nil {
				return err
			}
			rec, err := tx.Idempotency(ctx, step.actor.ID, key)
			p.steps[i] = stepPayload{app: string(b), result: string(rec.Result)}
			return err
		})
		if err != nil {
			return p, err
		}
		if p.steps[i].notices, err = newNotices(ctx, st, seen); err != nil {
			return p, err
		}
	}
	return p, nil
}

// newNotices returns the outbox notices of st not in seen, as the floor writes them, and
// adds them to seen.
func newNotices(ctx context.Context, st voucher.Store, seen map[string]bool) ([]noticeRow, error) {
	var out []noticeRow
	err := st.View(ctx, func(tx voucher.Tx) error {
		ns, err := tx.Notices(ctx, voucher.NoticeFilter{})
		for _, n := range ns {
			if seen[n.ID] {
				continue
			}
			seen[n.ID] = true
			b, err := json.Marshal(n)
			if err != nil {
				return err
			}
			out = append(out, noticeRow{state: string(n.State), nextTry: n.NextTry.UnixMicro(), data: string(b)})
		}
		return err
	})
	return out, err
}
