package voucher

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
)

// One person reviews one stage of a case: with two assigned stages of one role, the
// office cannot give both to one person, nor the second to someone who acted on the
// first.
func TestAssignmentTwoStages(t *testing.T) {
	t.Parallel()
	def, err := review.ShippedDefinition(review.TianjinRedemptionID)
	require.NoError(t, err)
	for i := range def.Stages {
		if def.Stages[i].State == review.ExpertReview {
			def.Stages[i].Role = RoleProfessional // two assigned professional stages
		}
	}
	flow, err := review.NewWorkflow(def, review.StandardGuards())
	require.NoError(t, err)
	s := &Service{people: PeopleOf(Actor{ID: "p1", Role: RoleProfessional}, Actor{ID: "p2", Role: RoleProfessional},
		Actor{ID: "p3", Role: RoleProfessional})}
	c := &Record{EnterpriseID: "E1", Case: review.Case{ID: "R1", State: review.FormalReview,
		History: []review.AuditEntry{{Actor: "p2", From: review.DistrictReview, To: review.FormalReview}}},
		Assignments: map[State]string{review.FormalReview: "p1"}}
	code := func(err error) string {
		var fe *cxq.FieldError
		if errors.As(err, &fe) {
			return fe.Code
		}
		return ""
	}
	ctx := context.Background()
	require.Equal(t, CodeTwoStages, code(s.checkAssignment(ctx, flow, c, review.ExpertReview, "p1")), "assigned to the other stage")
	require.Equal(t, CodeTwoStages, code(s.checkAssignment(ctx, flow, c, review.ExpertReview, "p2")), "acted on another stage")
	require.NoError(t, s.checkAssignment(ctx, flow, c, review.ExpertReview, "p3"))
	require.NoError(t, s.checkAssignment(ctx, flow, c, review.FormalReview, "p1"), "the same stage again is no second stage")
}
