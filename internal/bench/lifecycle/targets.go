package main

import "fmt"

// The targets of the lifecycle's speed (issue #21): each SQL driver's ratio to its bare
// floor, and memstore's rate and the service's CPU per approved application.
const (
	sqliteOneClient = 0.8   // SQLite at 1 client, × the floor
	sqliteMany      = 1.0   // SQLite at more clients (group commit may beat the floor)
	postgresRatio   = 0.7   // PostgreSQL at any client count
	memstoreRate    = 10000 // applications per second
	memstoreCPU     = 100   // µs of CPU per application
)

// verdict says whether a measurement meets its target: the target and "met" or "not met".
func verdict(driver string, clients int, cxq result, floor *result) string {
	met := func(ok bool) string {
		if ok {
			return "met"
		}
		return "not met"
	}
	if floor == nil {
		return fmt.Sprintf("≥%d/s, ≤%d µs: %s", memstoreRate, memstoreCPU,
			met(cxq.rate() >= memstoreRate && cxq.cpuPerApp() <= memstoreCPU))
	}
	want := postgresRatio
	if driver == "sqlite" {
		want = sqliteMany
		if clients == 1 {
			want = sqliteOneClient
		}
	}
	return fmt.Sprintf("≥%.1f×: %s", want, met(cxq.rate()/floor.rate() >= want))
}
