//go:build race

package main

// The race detector is on: TestTwoProcessesOnePostgres, which builds and runs the
// command in processes of its own, stays out of the race pass.
func init() { raceEnabled = true }
