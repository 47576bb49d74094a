package scenario

import (
	"context"

	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy/policytest"
)

// RunFiles runs each scenario file on a new store from open and reports every step that
// does not hold through t.Errorf, as "file:line: name: step N: got …, want …". A file
// that cannot be read or run is fatal. It is the one call a user's test needs:
//
//	func TestOurPolicy(t *testing.T) {
//		paths, _ := filepath.Glob("testdata/scenarios/*.json")
//		scenario.RunFiles(t, func() voucher.Store { return memstore.New() }, paths...)
//	}
func RunFiles(t policytest.TB, open func() voucher.Store, paths ...string) {
	t.Helper()
	if len(paths) == 0 {
		t.Fatalf("scenario: no files")
		return
	}
	for _, p := range paths {
		f, err := ReadFile(p)
		if err != nil {
			t.Fatalf("scenario: %v", err)
			return
		}
		st := open()
		res, err := f.Run(context.Background(), st)
		_ = st.Close()
		if err != nil {
			t.Fatalf("scenario: %s: %v", p, err)
			return
		}
		for _, r := range res {
			if !r.OK {
				t.Errorf("%s:%d: %s: step %d: got %s, want %s", p, r.Line, r.Name, r.Step, r.Got, r.Want)
			}
		}
	}
}
