package main

import (
	"fmt"
	"time"
)

// target is one of the goals of the search benchmark (issue #20) and whether a run met it.
type target struct {
	what string
	got  string
	met  bool
}

// largeCorpus is the size from which the large corpus's targets apply; below it, the
// bundled corpus's.
const largeCorpus = 100000

// targetsFor returns the targets that apply to a corpus of labs records: at 100,000
// labs every class within FTS5's median and p99 and half the scan's median, the build
// no slower than FTS5's, RSS within 1.5× FTS5's and 400 MB, the overall median within
// 0.2× the scan's and p99 under 20 ms; on the bundled labs the overall median within
// 0.7× the scan's, p99 within the scan's and a build under 200 ms; on both, recall 1.0
// and precision 0.99 or more against the truth.
func targetsFor(labs int, rows []classStats, overall classStats, b built, a acc) []target {
	var out []target
	add := func(what string, met bool, format string, args ...any) {
		out = append(out, target{what: what, got: fmt.Sprintf(format, args...), met: met})
	}
	if labs >= largeCorpus {
		for _, c := range rows {
			add(c.name+": median ≤ 1× fts5, p99 ≤ 1× fts5", c.ratio(engFTS, 0) <= 1 && c.ratio(engFTS, 1) <= 1,
				"%.3f×, %.3f×", c.ratio(engFTS, 0), c.ratio(engFTS, 1))
			add(c.name+": median ≤ 0.5× scan", c.ratio(engScan, 0) <= 0.5, "%.3f×", c.ratio(engScan, 0))
		}
		add("build ≤ fts5's", b.cxqBuild <= b.ftsBuild, "%s vs %s", b.cxqBuild.Round(time.Millisecond), b.ftsBuild.Round(time.Millisecond))
		add("RSS over the data ≤ 1.5× fts5's", b.cxqRSS <= 1.5*b.ftsRSS, "%.2f×", b.cxqRSS/max(b.ftsRSS, 1e-9))
		add("RSS over the data ≤ 400 MB", b.cxqRSS <= 400, "%.1f MB", b.cxqRSS)
		add("overall median ≤ 0.2× scan", overall.ratio(engScan, 0) <= 0.2, "%.3f×", overall.ratio(engScan, 0))
		add("overall p99 < 20 ms", overall.st[engCxq][1] < 20*time.Millisecond, "%s ms", ms(overall.st[engCxq][1]))
	} else {
		add("overall median ≤ 0.7× scan", overall.ratio(engScan, 0) <= 0.7, "%.3f×", overall.ratio(engScan, 0))
		add("overall p99 ≤ 1× scan", overall.ratio(engScan, 1) <= 1, "%.3f×", overall.ratio(engScan, 1))
		add("build < 200 ms", b.cxqBuild < 200*time.Millisecond, "%s", b.cxqBuild.Round(time.Millisecond))
	}
	add("recall 1.0", a.found == a.relevant, "%.4f", ratio(a.found, a.relevant))
	add("precision ≥ 0.99", ratio(a.correct, a.returned) >= 0.99, "%.4f", ratio(a.correct, a.returned))
	add("every lab a pinyin or written-form query was made from found", a.expFound == a.expected, "%d of %d", a.expFound, a.expected)
	return out
}

// printTargets prints each target, what the run measured and whether it was met.
func printTargets(ts []target) {
	met := 0
	for _, t := range ts {
		verdict := "NOT met"
		if t.met {
			verdict, met = "met", met+1
		}
		fmt.Printf("  target %-58s %-22s %s\n", t.what, t.got, verdict)
	}
	fmt.Printf("  %d of %d targets met\n", met, len(ts))
}
