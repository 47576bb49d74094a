package review_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
)

// The expert stage of a Tianjin redemption sets the actual amount (实际兑现金额), never
// above what was claimed; reviewers act only within their district or assignments.
func ExampleTianjinRedemption() {
	wf := review.TianjinRedemption()
	c := wf.NewCase(review.Opening{ID: "R-9", Owner: "ent-7", District: "hexi",
		Facts: map[string]string{review.FactClaimedAmount: "4549.50"}})
	at := time.Date(2025, 9, 1, 10, 0, 0, 0, time.UTC)
	fire := func(a review.Action, by review.Actor, fields map[string]string) error {
		next, _, err := wf.Fire(c, review.Input{Action: a, Actor: by, Time: at, Fields: fields})
		if err == nil {
			c = next
		}
		return err
	}
	assigned := func(id string, role review.Role) review.Actor {
		return review.Actor{ID: id, Roles: []review.Role{role}, Assignments: []review.Assignment{{Case: "R-9"}}}
	}
	_ = fire(review.Submit, review.Actor{ID: "zhang", Roles: []review.Role{review.RoleApplicant}, Org: "ent-7"}, nil)
	err := fire(review.Approve, review.Actor{ID: "li", Roles: []review.Role{review.RoleDistrict}, District: "nankai"}, nil)
	fmt.Println("other district:", errors.Is(err, cxq.ErrForbidden))
	_ = fire(review.Approve, review.Actor{ID: "zhao", Roles: []review.Role{review.RoleDistrict}, District: "hexi"}, nil)
	_ = fire(review.Approve, assigned("wang", review.RoleProfessional), nil)
	st, _ := wf.Stage(c.State)
	fmt.Println(st.Status.ZH, "export:", st.HasTag(review.TagExport))

	err = fire(review.Approve, assigned("chen", review.RoleExpert), map[string]string{review.FieldActualAmount: "5000.00"})
	var ge *review.GuardError
	if errors.As(err, &ge) {
		fmt.Println(ge.Reason(cxq.ZH))
	}
	_ = fire(review.Approve, assigned("chen", review.RoleExpert), map[string]string{review.FieldActualAmount: "4000.00"})
	fmt.Println(wf.Status(c.State).ZH, c.Facts[review.FieldActualAmount])
	// Output:
	// other district: true
	// 市级形式审查受理 export: true
	// 实际兑现金额不得超过兑现创新券金额合计 4549.50 元
	// 评审通过 4000.00
}
