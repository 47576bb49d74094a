package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
)

// Benchmark measures submitted-and-approved applications per second with clients
// concurrent callers: each operation submits a prepared draft (validation, amount,
// quota reservation) and takes it through 区初审, assignment and 专业机构复审 — four
// transactions. Drafts (order, confirmation, form) are prepared before the timer. The
// figure is reported as apps/s.
func Benchmark(b *testing.B, open Opener, clients int) {
	st := open(b)
	b.Cleanup(func() { _ = st.Close() })
	w := NewWorld(b, st)
	jobs := LifecycleDrafts(w, b.N)
	b.ResetTimer()
	elapsed, err := RunLifecycle(w, jobs, clients)
	b.StopTimer()
	require.NoError(b, err)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "apps/s")
}

// LifecycleJob is one prepared draft application and the enterprise that owns it.
type LifecycleJob struct {
	App voucher.Application
	Ent voucher.Actor
}

// LifecycleDrafts prepares n draft applications (order, confirmation, form), 40 per
// enterprise, for RunLifecycle.
func LifecycleDrafts(w *World, n int) []LifecycleJob {
	jobs := make([]LifecycleJob, n)
	for i := range jobs {
		ent := voucher.Actor{ID: fmt.Sprintf("u-B%d", i/40), Role: voucher.RoleEnterprise, Org: fmt.Sprintf("B%d", i/40)}
		jobs[i] = LifecycleJob{App: w.Draft(ent, "4000.00"), Ent: ent}
	}
	return jobs
}

// RunLifecycle submits and approves every job with clients concurrent callers (see
// Benchmark) and returns the time it took and the first error.
func RunLifecycle(w *World, jobs []LifecycleJob, clients int) (time.Duration, error) {
	queue := make(chan LifecycleJob, len(jobs))
	for _, j := range jobs {
		queue <- j
	}
	close(queue)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range queue {
				if err := submitAndApprove(w, j.Ent, j.App.ID); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return time.Since(start), firstErr
}

func submitAndApprove(w *World, ent voucher.Actor, id string) error {
	if _, err := w.Svc.SubmitApplication(bg, ent, voucher.SubmitParams{Key: w.Key(), ID: id}); err != nil {
		return err
	}
	if _, err := w.Svc.ReviewApplication(bg, w.District, voucher.Decision{Key: w.Key(), ID: id, Action: review.Approve}); err != nil {
		return err
	}
	if _, err := w.Svc.AssignApplication(bg, w.Office, voucher.AssignParams{Key: w.Key(), ID: id, Stage: review.ProfessionalReview, Reviewer: w.Professional.ID}); err != nil {
		return err
	}
	app, err := w.Svc.ReviewApplication(bg, w.Professional, voucher.Decision{Key: w.Key(), ID: id, Action: review.Approve})
	if err != nil {
		return err
	}
	if app.State() != review.Approved {
		return fmt.Errorf("application %s is %s", id, app.State())
	}
	return nil
}
