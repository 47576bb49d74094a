// Command genlabs writes the bundled lab list of package catalog: the six labs printed
// in the reference manual followed by the synthetic labs of package labgen, 753 in all.
//
//	go run ./internal/labgen/cmd/genlabs -out catalog/data/labs.json
//
// It runs from `go generate ./catalog`.
package main
