package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
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

// withLabel runs f, labelled as cxq's in a profile when cxq is set.
func withLabel(cxq bool, f func() error) error {
	if !cxq || profileDir == "" {
		return f()
	}
	var err error
	pprof.Do(context.Background(), cxqLabel, func(context.Context) { err = f() })
	return err
}

// readRSS returns the process's resident set size in bytes (VmRSS of
// /proc/self/status), or 0 where there is none.
func readRSS() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}
