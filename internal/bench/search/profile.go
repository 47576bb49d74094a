package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
)

// profileDir is where CPU profiles go; "" for none.
var profileDir string

// cxqLabel marks the samples of cxq's queries in a query profile, so the scan and the
// recall checks between them can be left out: go tool pprof -tagfocus=run=cxq.
var cxqLabel = pprof.Labels("run", "cxq")

// startProfile starts a CPU profile named name in profileDir and returns its stop.
func startProfile(name string) (stop func()) {
	if profileDir == "" {
		return func() {}
	}
	f, err := os.Create(filepath.Join(profileDir, name+".pprof"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, err)
		_ = f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}
}
