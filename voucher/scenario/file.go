package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// File is one lifecycle scenario, as read from JSON (see the package doc).
type File struct {
	Name        string       `json:"name"`
	Policy      string       `json:"policy"`
	Enterprises []Enterprise `json:"enterprises"`
	// PolicyChanges are fields of a policy (its JSON) set over the named one before the
	// run, e.g. {"evaluation_required": true}; the result must validate.
	PolicyChanges json.RawMessage `json:"policy_changes,omitempty"`
	Steps         []Step          `json:"-"`
	// Path is where the file was read from; a policy file path is relative to it.
	Path string `json:"-"`
}

// Enterprise is an applicant of a scenario. Zero fields take the defaults of an
// eligible certified 科技型中小企业 (10 staff, revenue and registered capital of
// 1000000.00, certified until 2100).
type Enterprise struct {
	ID             string   `json:"id"`
	Region         string   `json:"region,omitempty"`   // defaults to the policy's area
	District       string   `json:"district,omitempty"` // defaults to the area's district, else 市辖区
	Held           []string `json:"held,omitempty"`     // policy IDs of vouchers it holds elsewhere
	Staff          *int     `json:"staff,omitempty"`
	Revenue        string   `json:"revenue,omitempty"`
	Capital        string   `json:"capital,omitempty"`
	CertifiedUntil string   `json:"certified_until,omitempty"` // a date; "none": not certified
	Controller     string   `json:"controller,omitempty"`      // its actual controller (实际控制人), for sanctions
}

// Step is one thing that happens at At: exactly one of Claim, Redeem, Deadlines, Budget,
// Extend, Deliver, Evaluate, Sample, Finding, Return, DecideReturn, Sanction Lift,
// Publish, Object and CloseNotice.
type Step struct {
	At         time.Time      `json:"at"`
	Enterprise string         `json:"enterprise,omitempty"`
	Claim      *Claim         `json:"claim,omitempty"`
	Redeem     *Redeem        `json:"redeem,omitempty"`
	Deadlines  bool           `json:"deadlines,omitempty"`
	Budget     *policy.Budget `json:"budget,omitempty"` // the office sets the year's budget
	Extend     *Extend        `json:"extend,omitempty"` // the office extends a claim's voucher
	Deliver    *Deliver       `json:"deliver,omitempty"`
	Evaluate   *Evaluate      `json:"evaluate,omitempty"`
	Sample     *Sample        `json:"sample,omitempty"`
	Finding    *Finding       `json:"finding,omitempty"`
	// The programme's operations: returns (退券) and sanctions (see operations.go).
	Return       *ReturnStep       `json:"return,omitempty"`
	DecideReturn *DecideReturnStep `json:"decide_return,omitempty"`
	Sanction     *SanctionStep     `json:"sanction,omitempty"`
	Lift         *LiftStep         `json:"lift,omitempty"`
	// The public notice (公示, see notice.go).
	Publish     *Publish     `json:"publish,omitempty"`
	Object      *Object      `json:"object,omitempty"`
	CloseNotice *CloseNotice `json:"close_notice,omitempty"`
	Expect      Expect       `json:"expect"`
	// Line is the line of the file the step starts on.
	Line int `json:"-"`
}

// Claim places an order, submits the application and takes it through every review
// stage.
type Claim struct {
	Contract         string `json:"contract"`
	Request          string `json:"request,omitempty"`
	ProviderDistrict string `json:"provider_district,omitempty"`
	ProviderRegion   string `json:"provider_region,omitempty"` // defaults to the policy's area
	CentralSOE       bool   `json:"central_soe,omitempty"`
	Park             string `json:"park,omitempty"`
	ServiceKind      string `json:"service_kind,omitempty"` // a catalog.Service… constant
	RelatedParty     bool   `json:"related_party,omitempty"`
}

// Redeem redeems Amount against the enterprise's Claim-th claim (1-based) through every
// review stage; Filed is the contract's filing date (defaults to the claim's time).
type Redeem struct {
	Claim  int    `json:"claim"`
	Amount string `json:"amount"`
	Filed  string `json:"filed,omitempty"`
	// Notice "wait" stops a redemption under a policy with a public notice at 评审通过,
	// its payout awaiting the notice (for publish, object and close_notice steps); by
	// default it is published alone and its notice closed at the period's end.
	Notice string `json:"notice,omitempty"`
}

// Deliver has the provider of the enterprise's Claim-th claim (1-based) record the
// delivery of its order, with one result file.
type Deliver struct {
	Claim int `json:"claim"`
}

// Evaluate has the enterprise evaluate the service of its Claim-th claim's order by the
// programme's rubric: Scores gives points by item code; an item not named gets its
// maximum (an empty Scores gives full marks).
type Evaluate struct {
	Claim  int            `json:"claim"`
	Scores map[string]int `json:"scores,omitempty"`
}

// Expect is what a step must give: an Amount (the approved voucher or redeemed
// amount), a Refused reason code among the refusal's reasons, the claims Revoked by
// a deadlines step (1-based, in the order the file claims them, across enterprises), or
// the Grade an evaluate step earned.
type Expect struct {
	Amount  string `json:"amount,omitempty"`
	Refused string `json:"refused,omitempty"`
	Revoked []int  `json:"revoked,omitempty"`
	Grade   string `json:"grade,omitempty"`
	// Drawn are the claims a sample step drew (1-based, across the file).
	Drawn []int `json:"drawn,omitempty"`
	// Held are the entries a close_notice step held for objections (1-based).
	Held []int `json:"held,omitempty"`
}

// LoadError is a scenario file that cannot be read: the file, the line and the field of
// the problem.
type LoadError struct {
	File  string
	Line  int
	Field string
	Err   error
}

func (e *LoadError) Error() string {
	s := e.File
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	if e.Field != "" {
		s += ": " + e.Field
	}
	return s + ": " + describe(e.Err)
}

// describe says what is wrong in the words of the file's format, not of the decoder
// (whose messages name Go types).
func describe(err error) string {
	var pe *time.ParseError
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	var fe *cxq.FieldError
	switch {
	case errors.As(err, &fe):
		return fe.Message(cxq.EN)
	case errors.As(err, &pe) || strings.HasPrefix(err.Error(), "Time.UnmarshalJSON"):
		return "not a time as RFC 3339 writes it, e.g. \"2026-03-01T10:00:00+08:00\""
	case errors.As(err, &te):
		return "a value of the wrong type"
	case errors.As(err, &se):
		return "not valid JSON"
	}
	return err.Error()
}

// Unwrap returns the underlying problem.
func (e *LoadError) Unwrap() error { return e.Err }

// ReadFile reads and checks the scenario file at path.
func ReadFile(path string) (File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return File{}, &LoadError{File: path, Err: err}
	}
	return Parse(path, b)
}

// Parse reads and checks a scenario file; path names it in errors and anchors a
// relative policy file path. Unknown fields are errors, so a misspelt field cannot
// leave an input at its default.
func Parse(path string, b []byte) (File, error) {
	f := File{Path: path}
	fail := func(off int64, field string, err error) error {
		return &LoadError{File: path, Line: lineAt(b, off), Field: field, Err: err}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return f, fail(dec.InputOffset(), "", errors.New("a scenario is a JSON object"))
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return f, fail(dec.InputOffset(), "", err)
		}
		key, _ := t.(string)
		off := dec.InputOffset()
		switch key {
		case "name":
			err = dec.Decode(&f.Name)
		case "policy":
			err = dec.Decode(&f.Policy)
		case "enterprises":
			err = dec.Decode(&f.Enterprises)
		case "policy_changes":
			err = dec.Decode(&f.PolicyChanges)
		case "steps":
			err = f.parseSteps(dec, b, fail)
		default:
			err = errors.New("unknown field")
		}
		if err != nil {
			var le *LoadError
			var te *json.UnmarshalTypeError
			switch {
			case errors.As(err, &le):
				return f, err
			case errors.As(err, &te):
				return f, fail(te.Offset, key+"."+te.Field, err)
			}
			return f, fail(off, key, err)
		}
	}
	if f.Policy == "" {
		return f, fail(0, "policy", errors.New("required"))
	}
	if len(f.Steps) == 0 {
		return f, fail(0, "steps", errors.New("a scenario needs at least one step"))
	}
	return f, f.check(fail)
}

func (f *File) parseSteps(dec *json.Decoder, b []byte, fail func(int64, string, error) error) error {
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return errors.New("steps is an array")
	}
	for i := 0; dec.More(); i++ {
		off := skipSpace(b, dec.InputOffset())
		var s Step
		if err := dec.Decode(&s); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return fail(te.Offset, fmt.Sprintf("steps[%d].%s", i, te.Field), err)
			}
			return fail(off, fmt.Sprintf("steps[%d]", i), err)
		}
		s.Line = lineAt(b, off)
		f.Steps = append(f.Steps, s)
	}
	_, err := dec.Token()
	return err
}

// skipSpace returns the offset of the first byte at or after off that is neither space
// nor a comma: where the next value starts.
func skipSpace(b []byte, off int64) int64 {
	for off < int64(len(b)) && bytes.IndexByte([]byte(" \t\r\n,"), b[off]) >= 0 {
		off++
	}
	return off
}

// lineAt returns the 1-based line of offset off in b.
func lineAt(b []byte, off int64) int {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(b[:off], []byte("\n")) + 1
}

// check applies the rules a well-formed scenario keeps, naming the field of the first
// one broken.
func (f *File) check(fail func(int64, string, error) error) error {
	ids := map[string]bool{}
	for i, e := range f.Enterprises {
		fld := fmt.Sprintf("enterprises[%d]", i)
		if e.ID == "" || ids[e.ID] {
			return fail(0, fld+".id", errors.New("required and unique"))
		}
		ids[e.ID] = true
		for name, v := range map[string]string{"revenue": e.Revenue, "capital": e.Capital} {
			if _, err := optMoney(v); err != nil {
				return fail(0, fld+"."+name, err)
			}
		}
		if e.CertifiedUntil != "" && e.CertifiedUntil != "none" {
			if _, err := date(e.CertifiedUntil); err != nil {
				return fail(0, fld+".certified_until", err)
			}
		}
	}
	for i, s := range f.Steps {
		if err := s.check(ids); err != nil {
			var fe *fieldErr
			if !errors.As(err, &fe) {
				return &LoadError{File: f.Path, Line: s.Line, Field: fmt.Sprintf("steps[%d]", i), Err: err}
			}
			return &LoadError{File: f.Path, Line: s.Line, Field: fmt.Sprintf("steps[%d]%s", i, fe.field), Err: fe.err}
		}
	}
	return nil
}

type fieldErr struct {
	field string
	err   error
}

func (e *fieldErr) Error() string { return e.field + ": " + e.err.Error() }

func bad(field, msg string) error { return &fieldErr{field: field, err: errors.New(msg)} }

func (s Step) check(ids map[string]bool) error {
	n := 0
	for _, set := range []bool{s.Claim != nil, s.Redeem != nil, s.Deadlines, s.Budget != nil, s.Extend != nil,
		s.Deliver != nil, s.Evaluate != nil, s.Sample != nil, s.Finding != nil, s.Return != nil, s.DecideReturn != nil,
		s.Sanction != nil, s.Lift != nil, s.Publish != nil, s.Object != nil, s.CloseNotice != nil} {
		if set {
			n++
		}
	}
	switch {
	case s.At.IsZero():
		return bad(".at", "required (RFC 3339)")
	case n != 1:
		return bad("", "a step is exactly one of claim, redeem, deadlines, budget, extend, deliver, evaluate, sample, finding, return, decide_return, sanction, lift, publish, object and close_notice")
	case s.needsEnterprise() && !ids[s.Enterprise]:
		return bad(".enterprise", "not one of the scenario's enterprises")
	case s.Expect.Amount != "" && s.Expect.Refused != "":
		return bad(".expect", "amount and refused exclude each other")
	case s.Expect.Revoked != nil && !s.Deadlines:
		return bad(".expect.revoked", "only a deadlines step revokes")
	case s.Expect.Grade != "" && (s.Evaluate == nil || s.Expect.Refused != ""):
		return bad(".expect.grade", "only an evaluate step earns a grade, and a refused one none")
	case s.Deliver != nil && s.Deliver.Claim < 1:
		return bad(".deliver.claim", "the 1-based index of the enterprise's claim")
	case s.Evaluate != nil && s.Evaluate.Claim < 1:
		return bad(".evaluate.claim", "the 1-based index of the enterprise's claim")
	case s.Expect.Drawn != nil && s.Sample == nil:
		return bad(".expect.drawn", "only a sample step draws")
	case s.Expect.Held != nil && s.CloseNotice == nil:
		return bad(".expect.held", "only a close_notice step holds entries")
	}
	if err := s.checkNotice(); err != nil {
		return err
	}
	if err := s.checkSpot(); err != nil {
		return err
	}
	if _, err := optMoney(s.Expect.Amount); err != nil {
		return &fieldErr{".expect.amount", err}
	}
	if err := s.checkOperations(ids); err != nil {
		return err
	}
	if c := s.Claim; c != nil {
		if m, err := optMoney(c.Contract); err != nil || m.IsZero() {
			return bad(".claim.contract", "required: an amount such as \"80000.00\"")
		}
		if _, err := optMoney(c.Request); err != nil {
			return &fieldErr{".claim.request", err}
		}
	}
	if r := s.Redeem; r != nil {
		if r.Claim < 1 {
			return bad(".redeem.claim", "the 1-based index of the enterprise's claim")
		}
		if m, err := optMoney(r.Amount); err != nil || m.IsZero() {
			return bad(".redeem.amount", "required: an amount such as \"15001.00\"")
		}
		if r.Filed != "" {
			if _, err := date(r.Filed); err != nil {
				return &fieldErr{".redeem.filed", err}
			}
		}
	}
	return nil
}

// optMoney parses an optional amount; "" is zero.
func optMoney(s string) (cxq.Money, error) {
	if s == "" {
		return cxq.Money{}, nil
	}
	return cxq.ParseMoney(s)
}

// date reads a date ("2026-03-01", midnight China Standard Time) or an RFC 3339 time.
func date(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.ParseInLocation("2006-01-02", s, cxq.China())
}

// policyPath returns the policy file a non-preset policy names, relative to the file.
func (f File) policyPath() string {
	if filepath.IsAbs(f.Policy) {
		return f.Policy
	}
	return filepath.Join(filepath.Dir(f.Path), f.Policy)
}
