// Command subsidy computes a voucher amount under a shipped policy and prints it with its
// breakdown.
//
//	go run ./examples/subsidy -policy tianjin -contract 9099 [-used 20000] [-at 2026-01-01T00:00:00+08:00] [-json]
//
// -used is what was already claimed this year or cycle; the re-claim rules of hebei and
// langfang also take -claims (claims so far) and -spent (how much of -used was actually
// used). -request is an amount asked for; -enterprise and -provider are districts, for
// the beijing-changping tiers; -park and -central-soe give the provider's bonus. A
// refused input exits 1; with -json it prints {"error":{"code","message_zh","message_en"}}.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

type output struct {
	Policy    voucher.PolicyRef `json:"policy"`
	Year      int               `json:"year"`
	Contract  *cxq.Money        `json:"contract,omitempty"`
	Requested *cxq.Money        `json:"requested,omitempty"`
	Subsidy   cxq.Money         `json:"subsidy"`
	Breakdown voucher.Breakdown `json:"breakdown"`
}

type failure struct {
	Code      string `json:"code"`
	MessageZH string `json:"message_zh"`
	MessageEN string `json:"message_en"`
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("subsidy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	policy := fs.String("policy", voucher.PresetTianjin, "preset: tianjin, hebei, langfang, beijing-changping")
	contract := fs.String("contract", "", "estimated contract amount, e.g. 9099")
	request := fs.String("request", "", "amount asked for (default: the most the rules allow)")
	used := fs.String("used", "0", "amount already claimed this year or cycle (counts against the cap)")
	spent := fs.String("spent", "", "amount of the earlier claims actually used (re-claim rule; default all)")
	claims := fs.Int("claims", -1, "claims so far this year or cycle (default: 1 when -used is above 0)")
	at := fs.String("at", "", "time of the claim, RFC 3339 (default 2026-03-01T10:00:00+08:00)")
	ent := fs.String("enterprise", "", "the enterprise's district, e.g. 昌平")
	prov := fs.String("provider", "", "the provider's district, e.g. 昌平")
	park := fs.String("park", "", "the provider's science park, e.g. 未来科学城")
	soe := fs.Bool("central-soe", false, "the provider is a central state-owned lab")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(code string, msg cxq.Text) int {
		if *asJSON {
			_ = json.NewEncoder(stdout).Encode(map[string]failure{"error": {code, msg.ZH, msg.EN}})
		} else {
			fmt.Fprintf(stderr, "%s\n%s (%s)\n", msg.ZH, msg.EN, code)
		}
		return 1
	}
	p, err := voucher.Preset(*policy)
	if err != nil {
		return fail("unknown_policy", cxq.T("没有名为 "+*policy+" 的政策", "no preset policy "+*policy))
	}
	in := voucher.ClaimInput{
		Enterprise: voucher.Place{District: *ent},
		Provider:   voucher.Place{District: *prov, Park: *park, CentralSOE: *soe},
	}
	when := *at
	if when == "" {
		when = "2026-03-01T10:00:00+08:00"
	}
	if in.At, err = time.Parse(time.RFC3339, when); err != nil {
		return fail("at_format", cxq.T("-at 时间格式应为 RFC 3339："+when, "-at must be RFC 3339: "+when))
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
	amount, b, err := voucher.ApplicationAmount(p, in)
	if err != nil {
		var re *voucher.RefusedError
		if errors.As(err, &re) {
			return fail(re.Reason.Code, re.Reason.Text())
		}
		return fail("error", cxq.T(err.Error(), err.Error()))
	}
	out := output{Policy: p.Ref(), Year: voucher.ClaimYear(in.At), Subsidy: amount, Breakdown: b}
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
