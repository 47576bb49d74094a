package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/attachment"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// verdict is the JSON object printed for one file.
type verdict struct {
	File      string    `json:"file"`
	Slot      string    `json:"slot"`
	Accepted  bool      `json:"accepted"`
	Type      string    `json:"type"`
	Code      string    `json:"code"`
	MessageZH string    `json:"message_zh"`
	MessageEN string    `json:"message_en"`
	Flags     []flagOut `json:"flags"`
}

// flagOut is one finding of an accepted file.
type flagOut struct {
	Code      string            `json:"code"`
	Params    map[string]string `json:"params"`
	MessageZH string            `json:"message_zh"`
	MessageEN string            `json:"message_en"`
}

// run is the command with its arguments and outputs; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := newFlags(stderr)
	slotName := fs.String("slot", "", "upload slot: "+slotNames())
	name := fs.String("name", "", "uploaded file name to judge (default: each file's base name)")
	asJSON := fs.Bool("json", false, "print one JSON object per file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	slot, ok := attachment.DefaultSlots().Get(attachment.SlotName(*slotName))
	switch {
	case !ok:
		fmt.Fprintf(stderr, "attachcheck: unknown slot %q (one of %s)\n", *slotName, slotNames())
		fs.Usage()
		return 2
	case fs.NArg() == 0:
		fmt.Fprintln(stderr, "attachcheck: no files")
		fs.Usage()
		return 2
	}
	c := attachment.NewChecker(nil)
	status := 0
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, path := range fs.Args() {
		upload := *name
		if upload == "" {
			upload = filepath.Base(path)
		}
		v, err := judge(c, slot, path, upload)
		if err != nil {
			fmt.Fprintf(stderr, "attachcheck: %s: %v\n", path, err)
			status = 1
			continue
		}
		if *asJSON {
			_ = enc.Encode(v)
		} else {
			printText(stdout, v)
		}
	}
	return status
}

func newFlags(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("attachcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: attachcheck -slot SLOT [-name NAME] [-json] FILE...")
		fs.PrintDefaults()
	}
	return fs
}

// judge checks one file; an error is a file that could not be read, not a refusal.
func judge(c *attachment.Checker, slot attachment.Slot, path, upload string) (verdict, error) {
	v := verdict{File: path, Slot: string(slot.Name), Flags: []flagOut{}}
	data, err := readHead(path, slot.Limit+1)
	if err != nil {
		return v, err
	}
	v.Type = string(attachment.Sniff(data))
	f, err := c.Check(slot, upload, bytes.NewReader(data))
	var fe *cxq.FieldError
	switch {
	case errors.As(err, &fe):
		v.Code, v.MessageZH, v.MessageEN = fe.Code, fe.Message(cxq.ZH), fe.Message(cxq.EN)
		return v, nil
	case err != nil:
		return v, err
	}
	v.Accepted, v.Type = true, string(f.Type)
	for _, fl := range f.Flags {
		v.Flags = append(v.Flags, flagOut{Code: fl.Code, Params: fl.Params, MessageZH: fl.Message(cxq.ZH), MessageEN: fl.Message(cxq.EN)})
	}
	return v, nil
}

// readHead reads at most n bytes of the file: the check never needs more than the slot
// limit and one byte, however large the file on disk.
func readHead(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

func printText(w io.Writer, v verdict) {
	if v.Accepted {
		fmt.Fprintf(w, "%s: accepted (%s)\n", v.File, v.Type)
	} else {
		fmt.Fprintf(w, "%s: refused %s: %s / %s\n", v.File, v.Code, v.MessageZH, v.MessageEN)
	}
	for _, f := range v.Flags {
		fmt.Fprintf(w, "  flag %s: %s / %s\n", f.Code, f.MessageZH, f.MessageEN)
	}
}

func slotNames() string {
	var names []string
	for _, s := range attachment.DefaultSlots() {
		names = append(names, string(s.Name))
	}
	return strings.Join(names, ", ")
}
