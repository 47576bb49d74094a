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
