package policytest

import (
	"os"

	"github.com/cxqkit/cxq/voucher/policy"
)

// TB is the part of testing.TB that Run needs.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

// Run loads the table at path and reports every failing case through t.Errorf, as
// "path:line: name: problem". A table that cannot be read is fatal.
func Run(t TB, path string, policies *policy.Registry) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("policytest: %v", err)
		return
	}
	defer f.Close()
	cases, err := Load(path, f)
	if err != nil {
		t.Fatalf("policytest: %v", err)
		return
	}
	if len(cases) == 0 {
		t.Fatalf("policytest: %s has no cases", path)
		return
	}
	for _, fl := range Check(cases, policies) {
		t.Errorf("%s", fl.Error())
	}
}
