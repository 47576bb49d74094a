package main

import (
	"testing"
	"time"
)

func stat(cxq, scan, fts time.Duration) classStats {
	return classStats{name: "x", n: 1, st: [nEngines][2]time.Duration{
		engCxq: {cxq, 2 * cxq}, engScan: {scan, 2 * scan}, engFTS: {fts, 2 * fts}}}
}

func verdicts(ts []target) map[string]bool {
	out := map[string]bool{}
	for _, t := range ts {
		out[t.what] = t.met
	}
	return out
}

// Each target is met exactly when the run's figures are within it.
func TestTargets(t *testing.T) {
	a := acc{found: 10, relevant: 10, correct: 10, returned: 10, expFound: 2, expected: 2}
	good := built{cxqBuild: time.Second, ftsBuild: 2 * time.Second, cxqRSS: 100, ftsRSS: 100}
	fast := stat(time.Millisecond, 10*time.Millisecond, 2*time.Millisecond)
	for what, met := range verdicts(targetsFor(largeCorpus, []classStats{fast}, fast, good, a)) {
		if !met {
			t.Errorf("%s: not met by figures within it", what)
		}
	}
	slow := stat(15*time.Millisecond, 20*time.Millisecond, 10*time.Millisecond)
	bad := built{cxqBuild: 3 * time.Second, ftsBuild: 2 * time.Second, cxqRSS: 500, ftsRSS: 100}
	v := verdicts(targetsFor(largeCorpus, []classStats{slow}, slow, bad, acc{found: 9, relevant: 10, correct: 9, returned: 10}))
	for what, met := range v {
		if met && what != "every lab a pinyin or written-form query was made from found" {
			t.Errorf("%s: met by figures outside it", what)
		}
	}
	small := verdicts(targetsFor(753, nil, stat(time.Millisecond, time.Millisecond, time.Millisecond), built{cxqBuild: 150 * time.Millisecond}, a))
	if small["overall median ≤ 0.7× scan"] || !small["overall p99 ≤ 1× scan"] || !small["build < 200 ms"] {
		t.Errorf("bundled targets: %v", small)
	}
}
