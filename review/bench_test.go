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
	w := review.TianjinApplication()
	d := newDriver(b, w)
	c := d.caseIn("A-1", review.DistrictReview)
	for len(c.History) < 100 {
		c = d.fire(c, review.Return)
		c = d.fire(c, review.Resubmit)
	}
	h := c.History[:100]
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
