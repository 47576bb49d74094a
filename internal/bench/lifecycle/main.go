// Command lifecycle measures, in one run, cxq's submit-and-approve throughput (an
// application submitted, approved by its district, assigned and approved by a
// professional reviewer: four transactions) on memstore, SQLite and — when
// CXQ_TEST_POSTGRES names a server — PostgreSQL, at 1 and 16 clients, beside a bare-SQL
// floor that performs the same row writes per transaction on the same database and
// settings (see floor.go), the two taking turns a chunk of applications at a time so
// that both meet the same load. It prints applications per second, cxq's ratio to the
// floor, heap allocations and process CPU per approved application (and the floor's
// CPU), whether each meets its target (targets.go), and /proc/loadavg before and after,
// since the figures only compare within one run on a shared machine.
//
//	go run ./internal/bench/lifecycle [-n 1000] [-mem 5000] [-chunk 50] [-rounds 1] [-clients 1,16] [-drivers memstore,sqlite,postgres]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
)

func main() {
	n := flag.Int("n", 1000, "applications per SQL run")
	mem := flag.Int("mem", 5000, "applications per memstore run")
	chunk := flag.Int("chunk", 50, "applications cxq and the floor take turns with in a SQL run")
	rounds := flag.Int("rounds", 1, "runs of each measurement, taken in turn; the median is printed")
	clientList := flag.String("clients", "1,16", "concurrent callers, comma-separated")
	drivers := flag.String("drivers", "memstore,sqlite,postgres", "drivers to measure (postgres needs CXQ_TEST_POSTGRES)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file")
	memprofile := flag.String("memprofile", "", "write an allocation profile of the whole run to this file")
	flag.Parse()
	var clients []int
	for _, s := range strings.Split(*clientList, ",") {
		c, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || c < 1 {
			fatal(fmt.Errorf("-clients: %q is not a positive number", s))
		}
		clients = append(clients, c)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fatal(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fatal(err)
		}
		defer pprof.StopCPUProfile()
	}
	ctx := context.Background()
	fmt.Printf("load before: %s\n", loadavg())
	p, err := samplePayloads(ctx)
	if err != nil {
		fatal(err)
	}
	fmt.Printf("floor rows per application: %s\n\n", p.describe())
	fmt.Printf("%-9s %7s %12s %12s %7s %11s %12s %14s  %s\n", "driver", "clients", "cxq apps/s", "floor apps/s", "ratio",
		"allocs/app", "CPU µs/app", "floor CPU µs", "target")
	for _, d := range strings.Split(*drivers, ",") {
		if err := runDriver(ctx, strings.TrimSpace(d), clients, *n, *mem, max(*chunk, 1), max(*rounds, 1), p); err != nil {
			fatal(err)
		}
	}
	fmt.Printf("\nload after: %s\n", loadavg())
	if *memprofile != "" {
		if err := writeHeapProfile(*memprofile); err != nil {
			fatal(err)
		}
	}
}

// writeHeapProfile writes the allocations of the whole run to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

func fatal(err error) {
	pprof.StopCPUProfile()
	fmt.Fprintln(os.Stderr, "lifecycle:", err)
	os.Exit(1)
}

// loadavg returns the first line of /proc/loadavg, or why it cannot.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	return strings.TrimSpace(string(b))
}

// row prints one line of the table; floor is nil for memstore.
func row(driver string, clients int, cxq result, floor *result) {
	fl, ratio, flCPU := "-", "-", "-"
	if floor != nil {
		fl = fmt.Sprintf("%.0f", floor.rate())
		ratio = fmt.Sprintf("%.2f×", cxq.rate()/floor.rate())
		flCPU = fmt.Sprintf("%.0f", floor.cpuPerApp())
	}
	fmt.Printf("%-9s %7d %12.0f %12s %7s %11d %12.0f %14s  %s\n", driver, clients, cxq.rate(), fl, ratio,
		cxq.allocs/uint64(cxq.apps), cxq.cpuPerApp(), flCPU, verdict(driver, clients, cxq, floor))
}
