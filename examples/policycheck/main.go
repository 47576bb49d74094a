package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/scenario"
)

func main() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) }

// run checks every file and returns the exit code.
func run(ctx context.Context, paths []string, stdout, stderr io.Writer) int {
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "usage: policycheck FILE...")
		return 2
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	held, total, unreadable := 0, 0, false
	for _, p := range paths {
		f, err := scenario.ReadFile(p)
		var res []scenario.Result
		if err == nil {
			st := memstore.New()
			res, err = f.Run(ctx, st)
			_ = st.Close()
		}
		if err != nil {
			fmt.Fprintln(stderr, "policycheck:", err)
			unreadable = true
			continue
		}
		for _, r := range res {
			if err := enc.Encode(r); err != nil {
				fmt.Fprintln(stderr, "policycheck:", err)
				return 2
			}
			total++
			if r.OK {
				held++
			}
		}
	}
	fmt.Fprintf(stdout, "%d of %d steps hold\n", held, total)
	switch {
	case unreadable:
		return 2
	case held < total:
		return 1
	}
	return 0
}
