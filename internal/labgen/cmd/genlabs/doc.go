// Command genlabs writes the bundled lab list of package catalog: the six labs printed
// in the reference manual followed by the synthetic labs of package labgen, 753 in all.
//
//	go run ./internal/labgen/cmd/genlabs -out catalog/data/labs.json
//
// It runs from `go generate ./catalog`. It holds the flag handling and the file writing
// only: the labs are labgen's. It imports labgen and the standard library, and must
// never import search, voucher or net/http.
package main
