package review_test

import (
	"github.com/cxqkit/cxq"

	"errors"
	"fmt"
	"time"

	"github.com/cxqkit/cxq/review"
)

// A store verifies the audit rows it reads: an edited opinion breaks the chain.
func ExampleVerify() {
	wf := review.TianjinApplication()
	c := wf.NewCase(review.Opening{ID: "A-1", Owner: "ent-7", District: "nankai"})
	at := time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)
	c, _, _ = wf.Fire(c, review.Input{Action: review.Submit, Time: at,
		Actor: review.Actor{ID: "zhang", Roles: []review.Role{review.RoleApplicant}, Org: "ent-7"}})
	c, _, _ = wf.Fire(c, review.Input{Action: review.Reject, Time: at.Add(time.Hour), Opinion: "不符合申报条件",
		Actor: review.Actor{ID: "li", Roles: []review.Role{review.RoleDistrict}, District: "nankai"}})
	fmt.Println(review.Verify(c.History))

	rows := c.Clone().History
	rows[1].Opinion = "同意"
	err := review.Verify(rows)
	var te *cxq.TamperError
	fmt.Println(errors.As(err, &te), te.Seq, te.Reason)
	// Output:
	// <nil>
	// true 2 entry was altered
}
