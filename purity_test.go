package cxq_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// purePackages are the packages that do no I/O: they must never link a database, HTTP,
// search-index, spreadsheet or cloud package, not even through a dependency. Add a
// package here when it is created (relative to the module root). known lists impure
// dependencies a package still has, each a defect to remove; the test fails once one is
// gone, so that its entry is deleted with it.
var purePackages = []struct {
	pkg   string
	known []string
}{
	{pkg: "."},
	{pkg: "./catalog"},
	{pkg: "./review"},
	{pkg: "./internal/chain"},
	{pkg: "./voucher/policy"},
	{pkg: "./voucher/notify"},
	{pkg: "./voucher/stats"},
}

// impure are the import paths a pure package must not depend on: exactly the path, or
// anything under it. database/sql/driver (interfaces only) stays allowed: Money's Scan and
// Value need its types.
var impure = []string{
	"database/sql",
	"net/http",
	"github.com/blevesearch",
	"github.com/xuri/excelize",
	"gocloud.dev",
	"github.com/jackc/pgx",
	"modernc.org/sqlite",
}

func isImpure(path string) bool {
	for _, p := range impure {
		if path == p || strings.HasPrefix(path, p+"/") && path != "database/sql/driver" {
			return true
		}
	}
	return false
}

// TestPurePackagesLinkNoIO lists each pure package's dependencies with go list -deps and
// fails on any impure one, naming the package that brings it in.
func TestPurePackagesLinkNoIO(t *testing.T) {
	t.Parallel()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	for _, pp := range purePackages {
		pkg := pp.pkg
		out, err := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}}", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		deps := strings.Fields(string(out))
		if len(deps) == 0 {
			t.Fatalf("go list -deps %s listed nothing", pkg)
		}
		for _, dep := range deps {
			if isImpure(dep) && !slices.Contains(pp.known, dep) {
				t.Errorf("%s depends on %s (go list -deps %s); a pure package must not link it", pkg, dep, pkg)
			}
		}
		for _, k := range pp.known {
			if !slices.Contains(deps, k) {
				t.Errorf("%s no longer depends on %s: delete it from its known list", pkg, k)
			}
		}
	}
}

func TestIsImpure(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]bool{
		"database/sql": true, "database/sql/driver": false, "net/http": true, "net/http/httptrace": true,
		"net/url": false, "gocloud.dev/blob": true, "github.com/jackc/pgx/v5": true,
		"github.com/xuri/excelize/v2": true, "github.com/blevesearch/bleve/v2": true, "github.com/shopspring/decimal": false,
	} {
		if isImpure(path) != want {
			t.Errorf("isImpure(%q) = %v", path, !want)
		}
	}
}
