// Command genlabs writes the bundled lab list of package catalog: the six labs printed
// in the reference manual followed by the synthetic labs of package labgen, 753 in all.
//
//	go run ./internal/labgen/cmd/genlabs -out catalog/data/labs.json
//
// It runs from `go generate ./catalog`.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/cxqkit/cxq/internal/labgen"
)

func main() {
	out := flag.String("out", "data/labs.json", "file to write")
	flag.Parse()
	labs := labgen.Bundled()
	for _, l := range labs {
		if err := l.Validate(); err != nil {
			fmt.Fprintf(os.Stderr, "genlabs: lab %s: %v\n", l.ID, err)
			os.Exit(1)
		}
	}
	b, err := json.MarshalIndent(labs, "", "  ")
	if err == nil {
		err = os.WriteFile(*out, append(b, '\n'), 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genlabs:", err)
		os.Exit(1)
	}
}
