package policytest

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// DefaultAt is the claim time of a case without an "at" column.
const DefaultAt = "2026-03-01T10:00:00+08:00"

// lookup finds the policy a case names in r: by ref when the case names a version, else
// the version registered last.
func lookup(r *policy.Registry, id, version string) (policy.Policy, error) {
	if version != "" {
		return r.Get(policy.Ref{ID: id, Version: version})
	}
	return r.Latest(id)
}

// Failure is a case whose outcome differs from its expectation.
type Failure struct {
	Case Case
	Err  error
}

// Error returns "file:line: name: problem".
func (f Failure) Error() string {
	return fmt.Sprintf("%s:%d: %s: %v", f.Case.File, f.Case.Line, f.Case.Name(), f.Err)
}

// Check runs every case and returns the failures, in order.
func Check(cases []Case, policies *policy.Registry) []Failure {
	var out []Failure
	for _, c := range cases {
		if err := c.Run(policies); err != nil {
			out = append(out, Failure{Case: c, Err: err})
		}
	}
	return out
}

// knownColumn reports the columns a case may have; any other is an error, so that a
// misspelt column ("claimd") fails the case instead of leaving its input at zero.
func knownColumn(k string) bool {
	switch k {
	case "name", "note", "op", "policy", "version", "at", "expect", "own",
		"contract", "requested", "claims", "claimed", "used",
		"enterprise_district", "provider_district", "provider_park", "provider_central_soe",
		"approved", "invoices", "contracts", "available", "filed", "amount", "issued":
		return true
	}
	return false
}

// checkColumns refuses an unknown column and a provider_central_soe other than true or
// false.
func (c Case) checkColumns() error {
	var unknown []string
	for k := range c.Fields {
		if !knownColumn(k) {
			unknown = append(unknown, strconv.Quote(k))
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return fmt.Errorf("unknown column %s", strings.Join(unknown, ", "))
	}
	if v := c.Get("provider_central_soe"); v != "" && v != "true" && v != "false" {
		return fmt.Errorf("provider_central_soe: %q is neither true nor false", v)
	}
	return nil
}

// Run runs the case and returns nil when its outcome is what it expects.
func (c Case) Run(policies *policy.Registry) error {
	if err := c.checkColumns(); err != nil {
		return err
	}
	p, err := lookup(policies, c.Get("policy"), c.Get("version"))
	if err != nil {
		return fmt.Errorf("policy: %w", err)
	}
	at, err := c.time("at", DefaultAt)
	if err != nil {
		return err
	}
	switch op := c.Get("op"); op {
	case "", "apply":
		return c.apply(p, at)
	case "redeem":
		return c.redeem(p, at)
	case "usage":
		return c.usage(p, at)
	case "year":
		return expectEq("year", strconv.Itoa(policy.ClaimYear(at)), c.Get("expect"))
	default:
		return fmt.Errorf("unknown op %q", op)
	}
}

func (c Case) apply(p policy.Policy, at time.Time) error {
	var r reader
	in := policy.ClaimInput{
		At: at, Contract: r.money(c, "contract"), Requested: r.money(c, "requested"),
		Enterprise: policy.Place{District: c.Get("enterprise_district")},
		Provider: policy.Place{District: c.Get("provider_district"), Park: c.Get("provider_park"),
			CentralSOE: c.Get("provider_central_soe") == "true"},
		Usage: policy.Usage{Claims: r.int(c, "claims"), Claimed: r.money(c, "claimed"), Used: r.money(c, "used")},
	}
	if r.err != nil {
		return r.err
	}
	amount, b, err := policy.ApplicationAmount(p, in)
	if err := expectAmount(amount, err, c.Get("expect")); err != nil {
		return err
	}
	if want := c.Get("own"); want != "" {
		for _, s := range b {
			if s.Rule == policy.RuleOwnShare {
				return expectEq("own contribution", s.Limit.String(), want)
			}
		}
		return fmt.Errorf("own contribution: no %s step, want %s", policy.RuleOwnShare, want)
	}
	return nil
}

func (c Case) redeem(p policy.Policy, at time.Time) error {
	var r reader
	filed, err := c.time("filed", "")
	if err != nil {
		return err
	}
	in := policy.RedemptionInput{
		At: at, Approved: r.money(c, "approved"), Available: r.money(c, "available"), Filed: filed,
		Invoices:  []cxq.Money{r.money(c, "invoices")},
		Contracts: []cxq.Money{r.money(c, "contracts")},
	}
	if r.err != nil {
		return r.err
	}
	amount, _, err := policy.RedemptionAmount(p, in)
	return expectAmount(amount, err, c.Get("expect"))
}

func (c Case) usage(p policy.Policy, at time.Time) error {
	var r reader
	issued, err := c.time("issued", "")
	if err != nil {
		return err
	}
	o := policy.UsageOutcome(p, policy.VoucherUse{Issued: issued, Amount: r.money(c, "amount"), Used: r.money(c, "used"), At: at})
	if r.err != nil {
		return r.err
	}
	ban := "none"
	if o.Ban != nil {
		ban = strconv.Itoa(o.Ban.Year)
	}
	return expectEq("outcome", "revoked="+o.Revoked.String()+";ban="+ban, c.Get("expect"))
}

func expectAmount(amount cxq.Money, err error, want string) error {
	if code, ok := strings.CutPrefix(want, "error:"); ok {
		if err == nil {
			return fmt.Errorf("got %s, want refusal %s", amount, code)
		}
		return expectEq("refusal", Code(err), code)
	}
	if err != nil {
		return fmt.Errorf("got refusal %s (%v), want %s", Code(err), err, want)
	}
	w, perr := cxq.ParseMoney(want)
	if perr != nil {
		return fmt.Errorf("expect: %w", perr)
	}
	if !amount.Equal(w) {
		return fmt.Errorf("got %s, want %s", amount, w)
	}
	return nil
}

func expectEq(what, got, want string) error {
	if got != want {
		return fmt.Errorf("%s: got %s, want %s", what, got, want)
	}
	return nil
}

// Code returns the stable code of a refusal or field error, or "" for other errors.
func Code(err error) string {
	var re *policy.RefusedError
	if errors.As(err, &re) {
		return re.Reason.Code
	}
	var fe *cxq.FieldError
	if errors.As(err, &fe) {
		return fe.Code
	}
	return ""
}

func (c Case) time(col, def string) (time.Time, error) {
	s := c.Get(col)
	if s == "" {
		s = def
	}
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %w", col, err)
	}
	return t, nil
}

// reader parses columns, keeping the first error.
type reader struct{ err error }

func (r *reader) money(c Case, col string) cxq.Money {
	s := c.Get(col)
	if s == "" || r.err != nil {
		return cxq.Money{}
	}
	m, err := cxq.ParseMoney(s)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", col, err)
	}
	return m
}

func (r *reader) int(c Case, col string) int {
	s := c.Get(col)
	if s == "" || r.err != nil {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", col, err)
	}
	return n
}
