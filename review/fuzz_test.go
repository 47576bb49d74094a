package review_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/stretchr/testify/require"
)

// FuzzDefinition: any bytes either fail to parse or build with a *DefinitionError, or
// build a workflow whose diagrams render and whose JSON builds the same workflow again.
func FuzzDefinition(f *testing.F) {
	for _, id := range review.ShippedIDs() {
		d, err := review.ShippedDefinition(id)
		require.NoError(f, err)
		b, err := json.Marshal(d)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"id":"x","version":1,"initial":"a","applicant":"e","stages":[{"state":"a","terminal":true,"outcome":"approved"}]}`))
	f.Add([]byte(`{"id":"x","version":1,"initial":"a","applicant":"e","actions":[{"action":"go"}],` +
		`"stages":[{"state":"a","role":"r"},{"state":"b","terminal":true,"outcome":"rejected"}],` +
		`"transitions":[{"from":"a","action":"go","to":"b","guards":[{"name":"quorum","params":{"vote":"go","min":"2"}}]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := review.ParseDefinition(b)
		if err != nil {
			require.ErrorIs(t, err, review.ErrBadWorkflow)
			return
		}
		w, err := review.NewWorkflow(d, review.StandardGuards())
		if err != nil {
			require.ErrorIs(t, err, cxq.ErrInvalid)
			var de *review.DefinitionError
			require.True(t, errors.As(err, &de))
			return
		}
		_ = w.DOT()
		_ = w.Mermaid()
		out, err := json.Marshal(w)
		require.NoError(t, err)
		d2, err := review.ParseDefinition(out)
		require.NoError(t, err)
		w2, err := review.NewWorkflow(d2, review.StandardGuards())
		require.NoError(t, err)
		require.Equal(t, w.DOT(), w2.DOT())
		// A fresh case is in a state of the workflow and every transition out of it is
		// either fired or refused with a classified error.
		c := w.NewCase(review.Opening{ID: "c"})
		for _, tr := range w.Transitions(c.State) {
			_, _, err := w.Fire(c, review.Input{Action: tr.Action, Actor: review.Actor{ID: "p"}, Time: base})
			require.ErrorIs(t, err, cxq.ErrForbidden)
		}
	})
}
