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

// flags are the command's flags, as given.
type flags struct {
	policy, contract, request, used, spent, at, ent, prov, park *string
	claims                                                      *int
	soe, json                                                   *bool
}

func newFlags(fs *flag.FlagSet) flags {
	return flags{
		policy:   fs.String("policy", policy.PresetTianjin, "preset: tianjin, hebei, langfang, beijing-changping"),
		contract: fs.String("contract", "", "estimated contract amount, e.g. 9099"),
		request:  fs.String("request", "", "amount asked for (default: the most the rules allow)"),
		used:     fs.String("used", "0", "amount already claimed this year or cycle (counts against the cap)"),
		spent:    fs.String("spent", "", "amount of the earlier claims actually used (re-claim rule; default all)"),
		claims:   fs.Int("claims", -1, "claims so far this year or cycle, 0 or more (default -1: 1 when -used is above 0, else 0)"),
		at:       fs.String("at", "", "time of the claim, RFC 3339 (default: now)"),
		ent:      fs.String("enterprise", "", "the enterprise's district, e.g. 昌平"),
		prov:     fs.String("provider", "", "the provider's district, e.g. 昌平"),
		park:     fs.String("park", "", "the provider's science park, e.g. 未来科学城"),
		soe:      fs.Bool("central-soe", false, "the provider is a central state-owned lab"),
		json:     fs.Bool("json", false, "print JSON"),
	}
}

// refusal is a failure of the command: its code and message.
type refusal struct {
	code string
	msg  cxq.Text
}

// run is the command with its arguments, its clock reading (the default of -at) and its
// outputs. It returns the exit status: 0, 1 for a refused input, 2 for bad flags without
// -json (which prints the usage text).
func run(args []string, now time.Time, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("subsidy", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f := newFlags(fs)
	err := fs.Parse(args)
	jsonOut := *f.json
	if err != nil {
		jsonOut = wantsJSON(fs, args)
	}
	fail := func(r refusal) int {
		if jsonOut {
			_ = json.NewEncoder(stdout).Encode(map[string]failure{"error": {r.code, r.msg.ZH, r.msg.EN}})
		} else {
			fmt.Fprintf(stderr, "%s\n%s (%s)\n", r.msg.ZH, r.msg.EN, r.code)
		}
		return 1
	}
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stderr)
		fs.Usage()
		return 2
	case err != nil && jsonOut:
		return fail(refusal{"flag_invalid", cxq.T("参数不正确："+err.Error(), "bad flag: "+err.Error())})
	case err != nil:
		fmt.Fprintln(stderr, err)
		fs.SetOutput(stderr)
		fs.Usage()
		return 2
	}
	p, in, r := f.claim(now)
	if r != nil {
		return fail(*r)
	}
	amount, b, err := policy.ApplicationAmount(p, in)
	if err != nil {
		var re *policy.RefusedError
		if errors.As(err, &re) {
			return fail(refusal{re.Reason.Code, re.Reason.Text()})
		}
		return fail(refusal{"error", cxq.T(err.Error(), err.Error())})
	}
	out := output{Policy: p.Ref(), Year: policy.ClaimYear(in.At), Subsidy: amount, Breakdown: b}
	if !in.Contract.IsZero() {
		out.Contract = &in.Contract
	}
	if !in.Requested.IsZero() {
		out.Requested = &in.Requested
	}
	printResult(stdout, p, out, *f.json)
	return 0
}

// claim reads the policy and the claim the flags describe.
func (f flags) claim(now time.Time) (policy.Policy, policy.ClaimInput, *refusal) {
	if *f.claims < -1 {
		n := strconv.Itoa(*f.claims)
		return policy.Policy{}, policy.ClaimInput{}, &refusal{"claims_range", cxq.T("-claims 不能小于 -1："+n, "-claims must be -1 or more: "+n)}
	}
	p, err := policy.Presets().Latest(*f.policy)
	if err != nil {
		return p, policy.ClaimInput{}, &refusal{"unknown_policy", cxq.T("没有名为 "+*f.policy+" 的政策", "no preset policy "+*f.policy)}
	}
	in := policy.ClaimInput{
		At:         now,
		Enterprise: policy.Place{District: *f.ent},
		Provider:   policy.Place{District: *f.prov, Park: *f.park, CentralSOE: *f.soe},
	}
	if *f.at != "" {
		if in.At, err = time.Parse(time.RFC3339, *f.at); err != nil {
			return p, in, &refusal{"at_format", cxq.T("-at 时间格式应为 RFC 3339："+*f.at, "-at must be RFC 3339: "+*f.at)}
		}
	}
	for _, m := range []struct {
		flag, value string
		dst         *cxq.Money
	}{{"contract", *f.contract, &in.Contract}, {"request", *f.request, &in.Requested}, {"used", *f.used, &in.Usage.Claimed}, {"spent", *f.spent, &in.Usage.Used}} {
		if m.value == "" {
			continue
		}
		v, err := cxq.ParseMoney(m.value)
		if err != nil {
			var fe *cxq.FieldError
			errors.As(err, &fe)
			return p, in, &refusal{fe.Code, cxq.T("-"+m.flag+"："+fe.Message(cxq.ZH), "-"+m.flag+": "+fe.Message(cxq.EN))}
		}
		*m.dst = v
	}
	if *f.spent == "" {
		in.Usage.Used = in.Usage.Claimed
	}
	in.Usage.Claims = *f.claims
	if *f.claims < 0 {
		in.Usage.Claims = 0
		if in.Usage.Claimed.Sign() > 0 {
			in.Usage.Claims = 1
		}
	}
	return p, in, nil
}

// printResult writes the result as JSON or as text.
func printResult(w io.Writer, p policy.Policy, out output, asJSON bool) {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(out)
		return
	}
	fmt.Fprintf(w, "%s（%s %s）%d 年\n", p.Name.ZH, p.ID, p.Version, out.Year)
	fmt.Fprintf(w, "创新券金额 / voucher amount: %s\n", out.Subsidy)
	for _, s := range out.Breakdown {
		mark := " "
		if s.Binding {
			mark = "*"
		}
		fmt.Fprintf(w, "%s %s\n  %s\n", mark, s.Text.ZH, s.Text.EN)
	}
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
