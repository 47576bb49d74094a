package review_test

import (
	"errors"
	"fmt"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
)

// Building a workflow from JSON. A misspelt guard name is an error when the workflow is
// built, not a check silently skipped when a case runs.
func ExampleNewWorkflow() {
	def, err := review.ParseDefinition([]byte(`{
	  "id": "lab-visit", "version": 1, "initial": "requested", "applicant": "enterprise",
	  "actions": [{"action": "approve"}, {"action": "reject"}],
	  "stages": [
	    {"state": "requested", "role": "district_reviewer", "scope": "district",
	     "status": {"zh": "待审核", "en": "Awaiting review"}},
	    {"state": "approved", "terminal": true, "outcome": "approved", "status": {"zh": "审核通过", "en": "Approved"}},
	    {"state": "rejected", "terminal": true, "outcome": "rejected", "status": {"zh": "不予支持", "en": "Not supported"}}
	  ],
	  "transitions": [
	    {"from": "requested", "action": "approve", "to": "approved", "guards": [{"name": "one_vote_eech"}]},
	    {"from": "requested", "action": "reject", "to": "rejected", "opinion": true}
	  ]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = review.NewWorkflow(def, review.StandardGuards())
	var de *review.DefinitionError
	fmt.Println(errors.Is(err, cxq.ErrInvalid), errors.As(err, &de), de.Problem, de.Guard)

	def.Transitions[0].Guards = nil
	wf, err := review.NewWorkflow(def, review.StandardGuards())
	fmt.Println(err)
	fmt.Print(wf.Mermaid())
	// Output:
	// true true unknown_guard one_vote_eech
	// <nil>
	// stateDiagram-v2
	//     state "审核通过 · approved" as approved
	//     state "不予支持 · rejected" as rejected
	//     state "待审核 · requested · district_reviewer/district" as requested
	//     [*] --> requested
	//     requested --> approved : approve
	//     requested --> rejected : reject +意见
	//     approved --> [*]
	//     rejected --> [*]
}
