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

// measure runs fn between two meter readings.
func measure(apps int, fn func() (time.Duration, error)) (result, error) {
	runtime.GC()
	before := readMeter()
	elapsed, err := fn()
	after := readMeter()
	return result{apps: apps, elapsed: elapsed, allocs: after.allocs - before.allocs, cpu: after.cpu - before.cpu}, err
}

// fatalTB is the storetest.TB of a program: a failed requirement ends it.
type fatalTB struct{}

func (fatalTB) Errorf(format string, args ...any) { fmt.Fprintf(os.Stderr, format+"\n", args...) }
func (fatalTB) FailNow()                          { os.Exit(1) }
func (fatalTB) Helper()                           {}

// runCXQ prepares n drafts on st (a fresh store) and measures cxq's submit and approval
// of all of them with clients concurrent callers, keyed MACs and content hashes on (the
// World's audit keys), then checks the whole trail.
func runCXQ(ctx context.Context, st voucher.Store, n, clients int) (result, error) {
	w := storetest.NewWorld(fatalTB{}, st)
	jobs := storetest.LifecycleDrafts(w, n)
	r, err := measure(n, func() (time.Duration, error) { return storetest.RunLifecycle(w, jobs, clients) })
	if err != nil {
		return r, err
	}
	if err := w.Svc.VerifyAudit(ctx); err != nil {
		return r, fmt.Errorf("the trail does not verify after the run: %w", err)
	}
	return r, nil
}

// samplePayloads takes one application through the lifecycle on a memstore and keeps
// its JSON after each step, and a call's stored idempotency result, for the floor.
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
