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
