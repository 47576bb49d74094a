package review_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
)

// Firing a Tianjin voucher application through district and professional review, with
// one return for revision on the way.
func ExampleWorkflow_Fire() {
	wf := review.TianjinApplication()
	c := wf.NewCase(review.Opening{ID: "A-2025-001", Owner: "ent-7", District: "nankai",
		Facts: map[string]string{review.FactClaimedAmount: "4549.50"}})

	staff := review.Actor{ID: "zhang", Roles: []review.Role{review.RoleApplicant}, Org: "ent-7"}
	district := review.Actor{ID: "li", Roles: []review.Role{review.RoleDistrict}, District: "nankai"}
	pro := review.Actor{ID: "wang", Roles: []review.Role{review.RoleProfessional},
		Assignments: []review.Assignment{{Case: "A-2025-001", State: review.ProfessionalReview}}}

	now := time.Date(2025, 3, 3, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	steps := []review.Input{
		{Action: review.Submit, Actor: staff},
		{Action: review.Return, Actor: district, Opinion: "请上传报价单"},
		{Action: review.Resubmit, Actor: staff},
		{Action: review.Approve, Actor: district},
		{Action: review.Approve, Actor: pro, Opinion: "同意"},
	}
	for i, in := range steps {
		in.Time = now.Add(time.Duration(i) * 24 * time.Hour)
		next, entry, err := wf.Fire(c, in)
		if err != nil {
			fmt.Println(err)
			return
		}
		c = next
		fmt.Printf("%d %-8s %-19s → %s\n", entry.Seq, entry.Action, entry.From, wf.Status(c.State).ZH)
	}

	// Approved is terminal: nothing more can happen to the case.
	_, _, err := wf.Fire(c, review.Input{Action: review.Withdraw, Actor: staff, Time: now.AddDate(0, 1, 0)})
	fmt.Println(errors.Is(err, cxq.ErrConflict), review.VerifyCase(wf, c) == nil)
	// Output:
	// 1 submit   draft               → 待区初审
	// 2 return   district_review     → 退回修改
	// 3 resubmit returned            → 待区初审
	// 4 approve  district_review     → 待专业机构复审
	// 5 approve  professional_review → 复审通过
	// true true
}
