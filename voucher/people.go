package voucher

import (
	"context"
	"errors"
	"slices"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
)

// People finds the programme's persons by ID, as the portal knows them: the reviewers
// the office assigns are checked against it. It answers an error matching
// cxq.ErrNotFound for an unknown ID.
type People interface {
	Person(ctx context.Context, id string) (Actor, error)
}

// PeopleOf returns People over a fixed list.
func PeopleOf(list ...Actor) People {
	m := map[string]Actor{}
	for _, a := range list {
		m[a.ID] = a
	}
	return peopleMap(m)
}

type peopleMap map[string]Actor

func (m peopleMap) Person(_ context.Context, id string) (Actor, error) {
	a, ok := m[id]
	if !ok {
		return Actor{}, notFound("person", id)
	}
	return a, nil
}

// Codes of the refusals of an assignment.
const (
	CodeUnknownReviewer = "unknown_reviewer" // no such person, or not of the stage's role
	CodeNotAssignable   = "not_assignable"   // the stage is not one the office assigns
	CodeCaseClosed      = "case_closed"      // the record's review has ended
	CodeOwnPeople       = "own_people"       // the reviewer belongs to the applicant
	CodeTwoStages       = "two_stages"       // the reviewer acts, or is assigned, on another stage
)

func assignErr(field, code string, msg cxq.Text) error {
	var p cxq.Problems
	p.Add(cxq.NewFieldError(field, code, nil, msg))
	return p.Err()
}

// checkAssignment refuses an assignment of reviewer to stage on c that would let the
// wrong person review: an unknown person or one without the stage's role, a stage that
// is not assigned, a closed case, the applicant's own people, or a person who acts (or
// is assigned) on another stage of the case — one person acts on one stage only.
func (s *Service) checkAssignment(ctx context.Context, flow *review.Workflow, c *Record, stage State, reviewer string) error {
	st, ok := flow.Stage(stage)
	if !ok || st.Terminal || st.Scope != review.ScopeAssigned {
		return assignErr("stage", CodeNotAssignable, cxq.T("该审核环节不由管理办公室分配", "the office does not assign this stage"))
	}
	if cur, _ := flow.Stage(c.State()); cur.Terminal {
		return assignErr("stage", CodeCaseClosed, cxq.T("审核已结束，不能再分配", "the review has ended; nothing can be assigned"))
	}
	p, err := s.people.Person(ctx, reviewer)
	switch {
	case errors.Is(err, cxq.ErrNotFound) || (err == nil && p.Role != st.Role):
		return assignErr("reviewer", CodeUnknownReviewer, cxq.T("没有可承担该环节的审核人", "no such reviewer for this stage"))
	case err != nil:
		return err
	case p.Org != "" && p.Org == c.EnterpriseID:
		return assignErr("reviewer", CodeOwnPeople, cxq.T("审核人不得来自申请单位", "a reviewer may not belong to the applicant"))
	}
	for other, who := range c.Assignments {
		if who == reviewer && other != stage {
			return assignErr("reviewer", CodeTwoStages, cxq.T("同一人只能承担一个审核环节", "one person reviews one stage of a case only"))
		}
	}
	if slices.ContainsFunc(c.Case.History, func(e review.AuditEntry) bool { return e.Actor == reviewer && e.From != stage }) {
		return assignErr("reviewer", CodeTwoStages, cxq.T("同一人只能承担一个审核环节", "one person reviews one stage of a case only"))
	}
	return nil
}
