package scenario

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Result is what one step gave: Got and Want are "30000.00", "refused: first_claim_cap"
// (Got lists every reason code), "revoked: [1 2]" or "error: …" for an unexpected
// failure.
type Result struct {
	Name string `json:"name"`
	Step int    `json:"step"` // 1-based
	Line int    `json:"line"`
	OK   bool   `json:"ok"`
	Got  string `json:"got"`
	Want string `json:"want"`
}

// Run runs the scenario on a fresh Service over st, which should be empty (e.g.
// memstore.New()), and returns one Result per step; it leaves st open for the caller to
// inspect and close. An error means the scenario could not run at all (its policy
// cannot be loaded); a step that fails is a Result with OK false.
func (f File) Run(ctx context.Context, st voucher.Store) ([]Result, error) {
	p, err := loadPolicy(f)
	if err != nil {
		return nil, err
	}
	w, err := newWorld(f, p, st)
	if err != nil {
		return nil, err
	}
	out := make([]Result, 0, len(f.Steps))
	for i, s := range f.Steps {
		w.clock.Set(s.At)
		got := w.step(ctx, s)
		want := s.Expect.String()
		out = append(out, Result{Name: f.Name, Step: i + 1, Line: s.Line, OK: s.Expect.holds(got), Got: got.String(), Want: want})
	}
	return out, nil
}

// outcome is what a step gave.
type outcome struct {
	amount  *cxq.Money
	codes   []string // refusal codes
	revoked []int
	grade   string // the grade an evaluation earned
	drawn   []int  // the claims a sample drew
	held    []int  // entries a close_notice step held
	err     error  // an unexpected failure
}

// String writes the outcome as Result.Got: an error, the refusal's codes, or else as the
// expectation it meets is written.
func (o outcome) String() string {
	switch {
	case o.err != nil:
		return "error: " + o.err.Error()
	case o.codes != nil:
		return "refused: " + strings.Join(o.codes, ",")
	}
	e := Expect{Revoked: o.revoked, Grade: o.grade, Drawn: o.drawn, Held: o.held}
	if o.amount != nil {
		e.Amount = o.amount.String()
	}
	return e.String()
}

// String writes the expectation as Result.Want.
func (e Expect) String() string {
	switch {
	case e.Refused != "":
		return "refused: " + e.Refused
	case e.Revoked != nil:
		return fmt.Sprint("revoked: ", e.Revoked)
	case e.Grade != "":
		return "grade: " + e.Grade
	case e.Drawn != nil:
		return fmt.Sprint("drawn: ", e.Drawn)
	case e.Held != nil:
		return fmt.Sprint("held: ", e.Held)
	case e.Amount != "":
		return e.Amount
	}
	return "ok"
}

func (e Expect) holds(o outcome) bool {
	switch {
	case o.err != nil:
		return false
	case e.Refused != "":
		return slices.Contains(o.codes, e.Refused)
	case o.codes != nil:
		return false
	case e.Revoked != nil:
		return slices.Equal(e.Revoked, o.revoked)
	case e.Grade != "":
		return e.Grade == o.grade
	case e.Drawn != nil:
		return slices.Equal(e.Drawn, o.drawn)
	case e.Held != nil:
		return slices.Equal(e.Held, o.held)
	case e.Amount != "":
		m, _ := cxq.ParseMoney(e.Amount)
		return o.amount != nil && o.amount.Equal(m)
	}
	return true
}

func (w *world) step(ctx context.Context, s Step) outcome {
	switch {
	case s.Claim != nil:
		return w.claim(ctx, s)
	case s.Redeem != nil:
		return w.redeem(ctx, s)
	case s.Budget != nil:
		return w.budget(ctx, s)
	case s.Extend != nil:
		return w.extend(ctx, s)
	case s.Deliver != nil:
		return w.deliver(ctx, s)
	case s.Evaluate != nil:
		return w.evaluate(ctx, s)
	case s.Sample != nil:
		return w.sample(ctx, s)
	case s.Finding != nil:
		return w.finding(ctx, s)
	case s.Return != nil:
		return w.giveBack(ctx, s)
	case s.DecideReturn != nil:
		return w.decideReturn(ctx, s)
	case s.Sanction != nil:
		return w.sanction(ctx, s)
	case s.Lift != nil:
		return w.lift(ctx, s)
	case s.Publish != nil, s.Object != nil, s.CloseNotice != nil:
		return w.notice(ctx, s)
	}
	return w.deadlines(ctx, s.At, s.Enterprise)
}

// refusal turns an error into the codes of its reasons, or keeps it as unexpected.
func refusal(err error) outcome {
	var ie *voucher.IneligibleError
	var re *policy.RefusedError
	var ve *cxq.ValidationError
	var fe *cxq.FieldError
	var de *voucher.DeniedError
	var se *voucher.OrderStateError
	var nr *voucher.NotReturnableError
	switch {
	case errors.As(err, &se):
		return outcome{codes: []string{se.Code}}
	case errors.As(err, &nr):
		return reasonCodes(nr.Reasons)
	case errors.As(err, &ie):
		return reasonCodes(ie.Reasons)
	case errors.As(err, &re):
		return outcome{codes: []string{re.Reason.Code}}
	case errors.As(err, &ve):
		codes := make([]string, len(ve.Errors))
		for i, e := range ve.Errors {
			codes[i] = e.Code
		}
		return outcome{codes: codes}
	case errors.As(err, &fe):
		return outcome{codes: []string{fe.Code}}
	case errors.Is(err, voucher.ErrQuotaExhausted):
		return outcome{codes: []string{policy.CodeQuotaExhausted}}
	case errors.As(err, &de), errors.Is(err, cxq.ErrForbidden):
		return outcome{codes: []string{"forbidden"}}
	case errors.Is(err, cxq.ErrConflict):
		return outcome{codes: []string{"conflict"}}
	}
	return outcome{err: err}
}

// reasonCodes is a refusal for the reasons rs.
func reasonCodes(rs []policy.Reason) outcome {
	codes := make([]string, len(rs))
	for i, r := range rs {
		codes[i] = r.Code
	}
	return outcome{codes: codes}
}

// claim orders a product, submits the application and approves it at every stage.
func (w *world) claim(ctx context.Context, s Step) outcome {
	c := s.Claim
	ent := enterpriseActor(s.Enterprise)
	prod := w.addProduct(s.Enterprise, *c)
	o, err := w.svc.PlaceOrder(ctx, ent, voucher.PlaceOrder{Key: w.key(), ProductID: prod.ID,
		Client: voucher.Party{Name: "企业" + s.Enterprise, Contact: "张三", Phone: "13812345678", Email: "zhang@example.com"}})
	if err != nil {
		w.claims = append(w.claims, claimRec{enterprise: s.Enterprise, at: s.At}) // refused claims count too
		return refusal(err)
	}
	if _, err := w.svc.ConfirmOrder(ctx, providerActor(prod.ProviderID), voucher.ConfirmOrderParams{Key: w.key(), ID: o.ID, Confirm: true}); err != nil {
		return outcome{err: err}
	}
	contract, _ := cxq.ParseMoney(c.Contract)
	request, _ := optMoney(c.Request)
	app, err := w.svc.SaveApplication(ctx, ent, voucher.ApplicationDraft{Key: w.key(), OrderID: o.ID, Form: w.form(ctx, ent, s.At, contract, request)})
	_, pv, _ := w.Product(ctx, prod.ID)
	if err != nil {
		w.claims = append(w.claims, claimRec{enterprise: s.Enterprise, order: o.ID, provider: pv, contract: contract, at: s.At})
		return refusal(err)
	}
	w.claims = append(w.claims, claimRec{enterprise: s.Enterprise, app: app.ID, order: o.ID, provider: pv, contract: contract, at: s.At})
	app, err = w.svc.SubmitApplication(ctx, ent, voucher.SubmitParams{Key: w.key(), ID: app.ID})
	if err != nil {
		return refusal(err)
	}
	if app, err = w.approveApplication(ctx, app); err != nil {
		return outcome{err: err}
	}
	amount := app.Amount
	return outcome{amount: &amount}
}

// form is a complete application form for a contract, its files uploaded by ent.
func (w *world) form(ctx context.Context, ent voucher.Actor, at time.Time, contract, request cxq.Money) voucher.ApplicationForm {
	return voucher.ApplicationForm{
		Contact:        voucher.Contact{Name: "张三", Phone: "13812345678", Email: "zhang@example.com"},
		OrgCertificate: w.upload(ctx, ent, voucher.SlotOrgCertificate, "cert.pdf"), ContractStart: at, ContractEnd: at.AddDate(0, 6, 0),
		Estimated: contract, Requested: request, Activity: "委托服务机构开展新产品检测。",
		Attachments: []voucher.AttachmentRef{w.upload(ctx, ent, voucher.SlotApplication, "quote.pdf")},
	}
}

// upload records a file of a's organisation for slot, as the portal does after the
// attachment checker accepted it; a failure leaves the reference empty, which the form's
// validation then reports.
func (w *world) upload(ctx context.Context, a voucher.Actor, slot, name string) voucher.AttachmentRef {
	id := "blob-" + w.key()
	sum := sha256.Sum256([]byte(id))
	u, err := w.svc.RecordUpload(ctx, a, voucher.RecordUploadParams{Key: w.key(), ID: id, Slot: slot, Name: name,
		SHA256: hex.EncodeToString(sum[:]), Size: 1000, Type: "pdf"})
	if err != nil {
		return voucher.AttachmentRef{}
	}
	return u.Ref()
}

func (w *world) approveApplication(ctx context.Context, app voucher.Application) (voucher.Application, error) {
	if _, err := w.svc.ReviewApplication(ctx, district(app.District()), voucher.Decision{Key: w.key(), ID: app.ID, Action: review.Approve}); err != nil {
		return app, err
	}
	if _, err := w.svc.AssignApplication(ctx, office, voucher.AssignParams{Key: w.key(), ID: app.ID, Stage: review.ProfessionalReview, Reviewer: professional.ID}); err != nil {
		return app, err
	}
	return w.svc.ReviewApplication(ctx, professional, voucher.Decision{Key: w.key(), ID: app.ID, Action: review.Approve})
}

// deadlines applies the deadline rules at at and reports the claims revoked: numbered
// as the enterprise's claims when ent is set (and only its own), else across the file.
func (w *world) deadlines(ctx context.Context, at time.Time, ent string) outcome {
	rep, err := w.svc.ApplyDeadlines(ctx, office, at)
	if err != nil {
		return outcome{err: err}
	}
	revoked := []int{}
	for _, e := range rep.Expired {
		n := 0
		for _, c := range w.claims {
			if ent != "" && c.enterprise != ent {
				continue
			}
			n++
			if c.app == e.ApplicationID {
				revoked = append(revoked, n)
			}
		}
	}
	slices.Sort(revoked)
	return outcome{revoked: revoked}
}

// nthClaim returns the enterprise's n-th claim (1-based).
func (w *world) nthClaim(ent string, n int) (claimRec, error) {
	for _, c := range w.claims {
		if c.enterprise == ent {
			if n--; n == 0 {
				return c, nil
			}
		}
	}
	return claimRec{}, fmt.Errorf("scenario: enterprise %s has no claim %s: %w", ent, strconv.Itoa(n), errNoClaim)
}
