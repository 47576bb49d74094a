package storetest

import (
	"testing"

	"github.com/cxqkit/cxq/voucher/policy"
)

// worldCase is one case of a suite run on a fresh World: its name, the test, and how
// it changes the suite's policy (nil: not at all).
type worldCase struct {
	name   string
	fn     func(*testing.T, *World)
	policy func(*policy.Policy)
}

// runWorlds runs each case in a fresh World over a fresh store from open, under base as
// the case changes it, and checks the World's invariants after it.
func runWorlds(t *testing.T, open Opener, base policy.Policy, cases []worldCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := open(t)
			t.Cleanup(func() { _ = st.Close() })
			p := base
			if tc.policy != nil {
				tc.policy(&p)
			}
			w := NewWorldFor(t, st, p)
			tc.fn(t, w)
			w.CheckInvariants()
		})
	}
}
