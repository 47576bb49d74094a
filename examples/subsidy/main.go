package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// main is the one place that reads the clock: -at defaults to the time it was started.
func main() { os.Exit(run(os.Args[1:], time.Now(), os.Stdout, os.Stderr)) }

type output struct {
	Policy    policy.Ref       `json:"policy"`
	Year      int              `json:"year"`
	Contract  *cxq.Money       `json:"contract,omitempty"`
	Requested *cxq.Money       `json:"requested,omitempty"`
	Subsidy   cxq.Money        `json:"subsidy"`
	Breakdown policy.Breakdown `json:"breakdown"`
}

type failure struct {
	Code      string `json:"code"`
	MessageZH string `json:"message_zh"`
	MessageEN string `json:"message_en"`
}

// run is the command with its arguments, its clock reading (the default of -at) and its
// outputs. It returns the exit status: 0, 1 for a refused input, 2 for bad flags without
// -json (which prints the usage text).
func run(args []string, now time.Time, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("subsidy", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	policyID := fs.String("policy", policy.PresetTianjin, "preset: tianjin, hebei, langfang, beijing-changping")
	contract := fs.String("contract", "", "estimated contract amount, e.g. 9099")
	request := fs.String("request", "", "amount asked for (default: the most the rules allow)")
	used := fs.String("used", "0", "amount already claimed this year or cycle (counts against the cap)")
	spent := fs.String("spent", "", "amount of the earlier claims actually used (re-claim rule; default all)")
	claims := fs.Int("claims", -1, "claims so far this year or cycle, 0 or more (default -1: 1 when -used is above 0, else 0)")
	at := fs.String("at", "", "time of the claim, RFC 3339 (default: now)")
	ent := fs.String("enterprise", "", "the enterprise's district, e.g. 昌平")
	prov := fs.String("provider", "", "the provider's district, e.g. 昌平")
	park := fs.String("park", "", "the provider's science park, e.g. 未来科学城")
	soe := fs.Bool("central-soe", false, "the provider is a central state-owned lab")
	asJSON := fs.Bool("json", false, "print JSON")
	err := fs.Parse(args)
	jsonOut := *asJSON
	if err != nil {
		jsonOut = wantsJSON(fs, args)
	}
	fail := func(code string, msg cxq.Text) int {
		if jsonOut {
			_ = json.NewEncoder(stdout).Encode(map[string]failure{"error": {code, msg.ZH, msg.EN}})
		} else {
			fmt.Fprintf(stderr, "%s\n%s (%s)\n", msg.ZH, msg.EN, code)
		}
		return 1
	}
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stderr)
		fs.Usage()
		return 2
	case err != nil && jsonOut:
		return fail("flag_invalid", cxq.T("参数不正确："+err.Error(), "bad flag: "+err.Error()))
	case err != nil:
		fmt.Fprintln(stderr, err)
		fs.SetOutput(stderr)
		fs.Usage()
		return 2
	}
	if *claims < -1 {
		n := strconv.Itoa(*claims)
		return fail("claims_range", cxq.T("-claims 不能小于 -1："+n, "-claims must be -1 or more: "+n))
	}
	p, err := policy.Presets().Latest(*policyID)
	if err != nil {
		return fail("unknown_policy", cxq.T("没有名为 "+*policyID+" 的政策", "no preset policy "+*policyID))
	}
	in := policy.ClaimInput{
		Enterprise: policy.Place{District: *ent},
		Provider:   policy.Place{District: *prov, Park: *park, CentralSOE: *soe},
	}
	in.At = now
	if *at != "" {
		if in.At, err = time.Parse(time.RFC3339, *at); err != nil {
			return fail("at_format", cxq.T("-at 时间格式应为 RFC 3339："+*at, "-at must be RFC 3339: "+*at))
		}
	}
	for _, f := range []struct {
		flag, value string
		dst         *cxq.Money
	}{{"contract", *contract, &in.Contract}, {"request", *request, &in.Requested}, {"used", *used, &in.Usage.Claimed}, {"spent", *spent, &in.Usage.Used}} {
		if f.value == "" {
			continue
		}
		m, err := cxq.ParseMoney(f.value)
		if err != nil {
			var fe *cxq.FieldError
			errors.As(err, &fe)
			return fail(fe.Code, cxq.T("-"+f.flag+"："+fe.Message(cxq.ZH), "-"+f.flag+": "+fe.Message(cxq.EN)))
		}
		*f.dst = m
	}
	if *spent == "" {
		in.Usage.Used = in.Usage.Claimed
	}
	in.Usage.Claims = *claims
	if *claims < 0 {
		in.Usage.Claims = 0
		if in.Usage.Claimed.Sign() > 0 {
			in.Usage.Claims = 1
		}
	}
	amount, b, err := policy.ApplicationAmount(p, in)
	if err != nil {
		var re *policy.RefusedError
		if errors.As(err, &re) {
			return fail(re.Reason.Code, re.Reason.Text())
		}
		return fail("error", cxq.T(err.Error(), err.Error()))
	}
	out := output{Policy: p.Ref(), Year: policy.ClaimYear(in.At), Subsidy: amount, Breakdown: b}
	if !in.Contract.IsZero() {
		out.Contract = &in.Contract
	}
	if !in.Requested.IsZero() {
		out.Requested = &in.Requested
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(out)
		return 0
	}
	fmt.Fprintf(stdout, "%s（%s %s）%d 年\n", p.Name.ZH, p.ID, p.Version, out.Year)
	fmt.Fprintf(stdout, "创新券金额 / voucher amount: %s\n", amount)
	for _, s := range b {
		mark := " "
		if s.Binding {
			mark = "*"
		}
		fmt.Fprintf(stdout, "%s %s\n  %s\n", mark, s.Text.ZH, s.Text.EN)
	}
	return 0
}

// wantsJSON tells whether args ask for -json, read the way the flag package reads them
// (a value flag takes the next argument unless written -name=value; parsing stops at "--"
// or the first argument that is not a flag), so a bad flag before or after -json still
// gets its error as JSON.
func wantsJSON(fs *flag.FlagSet, args []string) bool {
	on := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || len(a) < 2 || a[0] != '-' {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		f := fs.Lookup(name)
		if f == nil {
			continue
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			if name == "json" {
				v, err := strconv.ParseBool(value)
				on = !hasValue || (err == nil && v)
			}
			continue
		}
		if !hasValue {
			i++ // the next argument is this flag's value
		}
	}
	return on
}
