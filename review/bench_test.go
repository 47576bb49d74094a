package review_test

import (
	"testing"

	"github.com/cxqkit/cxq/review"
)

// BenchmarkFire fires the professional approval on a case with four entries of history
// (each Fire verifies and replays the history it is given).
func BenchmarkFire(b *testing.B) {
	w := review.TianjinApplication()
	d := newDriver(b, w)
	c := d.caseIn("A-1", review.ProfessionalReview)
	tr, _ := w.Transition(c.State, review.Approve)
	in := d.input(c, tr, actorFor(w, c, tr))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := w.Fire(c, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerify100 verifies a 100-entry history (return and resubmit rounds).
func BenchmarkVerify100(b *testing.B) {
	h := returnedOften(newDriver(b, review.TianjinApplication()), 100).History[:100]
	b.ReportAllocs()
	for b.Loop() {
		if err := review.Verify(h); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewWorkflow(b *testing.B) {
	d, err := review.ShippedDefinition(review.HebeiRedemptionID)
	if err != nil {
		b.Fatal(err)
	}
	g := review.StandardGuards()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := review.NewWorkflow(d, g); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFire100 and BenchmarkFireVerified100 fire on a case with 99 entries of
// history: Fire verifies and replays all of it, FireVerified checks its head; what still
// grows with the history is copying it into the next case.
func BenchmarkFire100(b *testing.B) { benchmarkFire100(b, (*review.Workflow).Fire) }

func BenchmarkFireVerified100(b *testing.B) { benchmarkFire100(b, (*review.Workflow).FireVerified) }

func benchmarkFire100(b *testing.B, fire func(*review.Workflow, review.Case, review.Input) (review.Case, review.AuditEntry, error)) {
	w := review.TianjinApplication()
	d := newDriver(b, w)
	c := returnedOften(d, 99)
	tr, _ := w.Transition(c.State, review.Approve)
	in := d.input(c, tr, actorFor(w, c, tr))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := fire(w, c, in); err != nil {
			b.Fatal(err)
		}
	}
}

// returnedOften is a case of d's workflow at the district with at least n entries of
// history: rounds of return and resubmission.
func returnedOften(d *driver, n int) review.Case {
	c := d.caseIn("A-1", review.DistrictReview)
	for len(c.History) < n {
		c = d.fire(c, review.Return)
		c = d.fire(c, review.Resubmit)
	}
	return c
}
