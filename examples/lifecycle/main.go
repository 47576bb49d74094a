// Command lifecycle walks one order from placement to 评审通过 through the voucher
// service on a real store and prints, one line per step, who acted, the status the
// enterprise now sees and the amounts, then whether the audit chain verifies.
//
//	go run ./examples/lifecycle                     # a temporary SQLite file
//	go run ./examples/lifecycle -db cxq.db          # a SQLite file kept afterwards
//	go run ./examples/lifecycle -db postgres://user@localhost/cxq?sslmode=disable
//	go run ./examples/lifecycle -export forms       # also write forms/application.pdf and forms/redemption.pdf
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
)

func main() {
	var opts options
	flag.StringVar(&opts.DB, "db", "", "SQLite file path or postgres:// URL (default: a temporary SQLite file)")
	flag.StringVar(&opts.Export, "export", "", "directory to write the printable forms into (application.pdf, redemption.pdf)")
	flag.Parse()
	if err := run(context.Background(), opts, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "lifecycle:", err)
		os.Exit(1)
	}
}
