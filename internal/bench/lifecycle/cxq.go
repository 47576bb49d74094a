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

// sampleKey is the idempotency key of the sampled call.
const sampleKey = "floor-sample"

func samplePayloads(ctx context.Context) (payloads, error) {
	var p payloads
	st := memstore.New()
	w := storetest.NewWorld(fatalTB{}, st)
	app := w.Draft(w.Enterprise, "4000.00")
	steps := []func() (voucher.Application, error){
		func() (voucher.Application, error) { return app, nil },
		func() (voucher.Application, error) {
			return w.Svc.SubmitApplication(ctx, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: app.ID})
		},
		func() (voucher.Application, error) {
			return w.Svc.ReviewApplication(ctx, w.District, voucher.Decision{Key: w.Key(), ID: app.ID, Action: review.Approve})
		},
		func() (voucher.Application, error) {
			return w.Svc.AssignApplication(ctx, w.Office, voucher.AssignParams{Key: w.Key(), ID: app.ID,
				Stage: review.ProfessionalReview, Reviewer: w.Professional.ID})
		},
		func() (voucher.Application, error) {
			return w.Svc.ReviewApplication(ctx, w.Professional, voucher.Decision{Key: sampleKey, ID: app.ID, Action: review.Approve})
		},
	}
	for i, step := range steps {
		a, err := step()
		if err != nil {
			return p, err
		}
		b, err := json.Marshal(a)
		if err != nil {
			return p, err
		}
		p.steps[i] = string(b)
	}
	err := st.View(ctx, func(tx voucher.Tx) error {
		rec, err := tx.Idempotency(ctx, w.Professional.ID, sampleKey)
		p.result = string(rec.Result)
		return err
	})
	return p, err
}
