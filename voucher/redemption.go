package voucher

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Redemption is a 创新券兑现申请 for an approved application.
type Redemption struct {
	Record
	ApplicationID string `json:"application_id"`
	// Claimed is what the voucher still holds when the redemption starts: the approved
	// application's amount (申请创新券金额), or under split use what earlier redemptions
	// left of it.
	Claimed cxq.Money      `json:"claimed"`
	Form    RedemptionForm `json:"form"`
	// Total is 兑现创新券金额合计, computed from the invoices and contracts at submission
	// (Record.Breakdown gives the rules that bounded it).
	Total cxq.Money `json:"total"`
	// Actual is 实际兑现金额, set at the expert stage; zero until then.
	Actual cxq.Money `json:"actual"`
	// Reclaimed is what a spot check clawed back of Actual (the application's Reclaimed
	// counts it too): Actual − Reclaimed is what the redemption keeps.
	Reclaimed cxq.Money `json:"reclaimed,omitzero"`
	// Payout holds the payment under a policy with a public notice (公示): nil when the
	// redemption was paid as it passed review.
	Payout *Payout `json:"payout,omitempty"`
}

// RedemptionDraft is the input of [Service.SaveRedemption]: the parts of the 创新券兑现申请
// edited as a whole. Invoices and contracts are added and removed one at a time. Like
// every edit of the form (AddInvoiceParams, RemoveInvoiceParams, AddContractParams,
// RemoveContractParams) it names the version it changes: zero is refused
// (cxq.CodeRequired on "version"), another than the stored one is cxq.ErrConflict.
type RedemptionDraft struct {
	Key     string          `json:"-"` // the idempotency key
	ID      string          `json:"id"`
	Version int64           `json:"version,omitempty"` // required
	Contact Contact         `json:"contact"`
	Outcome string          `json:"outcome"` // 科技创新券使用成效
	Files   []AttachmentRef `json:"files,omitempty"`
}

func (s *Service) redemptions() *aggregate[Redemption, *Redemption] {
	return &aggregate[Redemption, *Redemption]{kind: StreamRedemption, flow: s.redFlow, table: Tx.Redemptions, acts: s.redeems,
		fired: s.redemptionFired}
}

// Redemption returns a redemption the actor may see; any other answers exactly like a
// missing one.
func (s *Service) Redemption(ctx context.Context, a Actor, id string) (Redemption, error) {
	return view(ctx, s, func(tx Tx) (Redemption, error) { return read(ctx, s, tx, s.reds, a, id) })
}

// StartRedemption opens a redemption (申请兑现) for an application approved (复审通过)
// that still holds part of its voucher: not settled (under split use, not used up) and
// not expired. An application has at most one live redemption:
// concurrent starts give one success and ErrConflict for the rest. A voucher whose state
// refuses a redemption is a *VoucherStateError saying why (cxq.ErrConflict).
func (s *Service) StartRedemption(ctx context.Context, a Actor, in StartRedemptionParams) (Redemption, error) {
	return mutate(ctx, s, a, in.Key, "StartRedemption", in, func(tx Tx, now time.Time) (Redemption, error) {
		app, err := s.apps.load(ctx, tx, in.ApplicationID)
		if err != nil {
			return Redemption{}, err
		}
		if ok, why, err := s.redeems(ctx, a, &app.Record); err != nil || !ok {
			if err != nil {
				return Redemption{}, err
			}
			return Redemption{}, s.deny(ctx, a, "start_redemption", StreamApplication, app.ID, why, why == "")
		}
		if err := redeemable(ctx, tx, app); err != nil {
			return Redemption{}, err
		}
		if err := s.refuseSanctioned(ctx, tx, now, app.EnterpriseID, app.Product.ProviderID); err != nil {
			return Redemption{}, err
		}
		r := Redemption{Record: Record{ID: s.ids.NewID(StreamRedemption), OrderID: app.OrderID,
			EnterpriseID: app.EnterpriseID, Product: app.Product, Policy: app.Policy},
			ApplicationID: app.ID, Claimed: app.Reserved, Form: RedemptionForm{Contact: app.Form.Contact.canonical()}}
		if err := insert(ctx, s, tx, s.reds, &r, a, now, auditNote("application", app.ID)); err != nil {
			return Redemption{}, err
		}
		// Touching the application makes a concurrent expiry of it (which compares and
		// sets its version) fail instead of ending a voucher being redeemed.
		return r, save(ctx, s, tx, s.apps, &app, a, now, "redemption.start", app.State(), auditNote("redemption", r.ID))
	})
}

// Redemptions lists the redemptions the actor may see (创新券兑现), newest first, or
// with q.Queue those awaiting the actor's review (待审核), longest waiting first.
func (s *Service) Redemptions(ctx context.Context, a Actor, q Query) (Page[Redemption], error) {
	return listPage(ctx, s, s.reds, a, q)
}

// editRedemption runs change on a redemption the actor's enterprise owns, at the expected
// version (required: zero is refused, not a skipped check) and in draft or returned, then
// stores it with an audit entry.
func (s *Service) editRedemption(ctx context.Context, a Actor, key, op, id string, version int64, input any,
	change redemptionChange) (Redemption, error) {
	return mutate(ctx, s, a, key, op, input, func(tx Tx, now time.Time) (Redemption, error) {
		return s.editRedemptionIn(ctx, tx, a, now, op, id, version, change)
	})
}

// redemptionChange is one edit of a redemption's form; it returns the audit note.
type redemptionChange func(tx Tx, r *Redemption) (string, error)

// editRedemptionIn is editRedemption inside the caller's transaction.
func (s *Service) editRedemptionIn(ctx context.Context, tx Tx, a Actor, now time.Time, op, id string, version int64,
	change redemptionChange) (Redemption, error) {
	r, err := edit(ctx, s, tx, s.reds, a, id, version, op)
	if err != nil {
		return Redemption{}, err
	}
	note, err := change(tx, &r)
	if err != nil {
		return Redemption{}, err
	}
	return r, save(ctx, s, tx, s.reds, &r, a, now, editAction(op), r.State(), note)
}

// editAction is the audit action of an edit of a redemption's form, in the trail's own
// words like an application's "edit": SaveRedemption is "edit", AddInvoice "add_invoice".
func editAction(op string) string {
	if op == "SaveRedemption" {
		return "edit"
	}
	var b strings.Builder
	for i, c := range op {
		if c >= 'A' && c <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteRune(c)
	}
	return b.String()
}

// SaveRedemption replaces the contact, the outcome text and the other files.
func (s *Service) SaveRedemption(ctx context.Context, a Actor, in RedemptionDraft) (Redemption, error) {
	return s.editRedemption(ctx, a, in.Key, "SaveRedemption", in.ID, in.Version, in, s.draftChange(ctx, a, in))
}

// draftChange is the change SaveRedemption makes: in's contact, outcome and files.
func (s *Service) draftChange(ctx context.Context, a Actor, in RedemptionDraft) redemptionChange {
	return func(tx Tx, r *Redemption) (string, error) {
		var p cxq.Problems
		printable(&p, "contact", in.Contact)
		p.Add(cxq.CheckText("outcome", cxq.T("科技创新券使用成效", "outcome of the voucher"), in.Outcome, cxq.TextRule{}))
		if err := p.Err(); err != nil {
			return "", err
		}
		files := slices.Clone(in.Files)
		if err := checkRefs(ctx, tx, a.Org, fileRefs("files", files, redemptionFileSlots...)); err != nil {
			return "", err
		}
		r.Form.Contact, r.Form.Outcome, r.Form.Files = in.Contact.canonical(), in.Outcome, files
		return "", nil
	}
}

// AddInvoice adds an invoice (添加发票). Its key (code + number, or the 20-digit number of
// an all-electronic invoice) is claimed at once: an invoice already backing any live or
// paid redemption, this one included, is refused (CodeDuplicateInvoice). A redemption
// that ends unpaid frees its invoices (see releaseInvoices).
func (s *Service) AddInvoice(ctx context.Context, a Actor, in AddInvoiceParams) (Redemption, error) {
	inv := in.Invoice
	inv.Code, inv.Number = cxq.NormalizeID(inv.Code), cxq.NormalizeID(inv.Number) // kept as printed digits
	return s.editRedemption(ctx, a, in.Key, "AddInvoice", in.ID, in.Version, in, func(tx Tx, r *Redemption) (string, error) {
		var p cxq.Problems
		if err := cxq.CheckInvoice(inv.Code, inv.Number); err != nil {
			p.AddErr("invoice", err)
		}
		p.Add(checkAmount("invoice.amount", cxq.T("发票金额", "invoice amount"), inv.Amount, true))
		p.Add(cxq.CheckText("invoice.name", cxq.T("发票名称", "invoice name"), inv.Name, cxq.TextRule{}))
		if err := p.Err(); err != nil {
			return "", err
		}
		if err := checkRefs(ctx, tx, a.Org, []fieldRef{{"invoice.scan", &inv.Scan, []string{SlotInvoiceScan}}}); err != nil {
			return "", err
		}
		inv.Flags = nil
		if dup, err := scanBacksAnother(ctx, tx, r, inv); err != nil {
			return "", err
		} else if dup {
			inv.Flags = []string{FlagDuplicateScan} // one scan for two invoices: for the reviewers
		}
		k := inv.Key()
		for _, have := range r.Form.Invoices {
			if have.Key() == k {
				return "", duplicateInvoice()
			}
		}
		if err := tx.ClaimInvoice(ctx, k, r.ID); errors.Is(err, cxq.ErrConflict) {
			return "", duplicateInvoice()
		} else if err != nil {
			return "", err
		}
		r.Form.Invoices = append(r.Form.Invoices, inv)
		return auditNote("invoice", k, "amount", inv.Amount.String()), nil
	})
}

// scanBacksAnother reports whether inv's scan (by its SHA-256, so a second upload of the
// same bytes too) is the scan of another invoice of r or of any other redemption of r's
// enterprise.
func scanBacksAnother(ctx context.Context, tx Tx, r *Redemption, inv Invoice) (bool, error) {
	if inv.Scan.IsZero() {
		return false, nil
	}
	same := func(rs ...Redemption) bool {
		for _, x := range rs {
			for _, have := range x.Form.Invoices {
				if have.Scan.SHA256 == inv.Scan.SHA256 && have.Key() != inv.Key() {
					return true
				}
			}
		}
		return false
	}
	if same(*r) {
		return true, nil
	}
	others, _, err := tx.Redemptions().List(ctx, ListFilter{EnterpriseID: r.EnterpriseID})
	if err != nil {
		return false, err
	}
	others = slices.DeleteFunc(others, func(x Redemption) bool { return x.ID == r.ID })
	return same(others...), nil
}

// duplicateInvoice is the refusal of an invoice that already backs a redemption — this
// one or any other, of any enterprise. It says nothing of which.
func duplicateInvoice() error {
	var p cxq.Problems
	p.Add(cxq.NewFieldError("invoice.number", CodeDuplicateInvoice, nil,
		cxq.T("该发票已用于创新券兑现，每张发票只能使用一次", "this invoice already backs a redemption; an invoice may be used only once")))
	return p.Err()
}

// RemoveInvoice removes the invoice with in.InvoiceKey (see [Invoice.Key]) and frees it.
func (s *Service) RemoveInvoice(ctx context.Context, a Actor, in RemoveInvoiceParams) (Redemption, error) {
	return s.editRedemption(ctx, a, in.Key, "RemoveInvoice", in.ID, in.Version, in, func(tx Tx, r *Redemption) (string, error) {
		for i, inv := range r.Form.Invoices {
			if inv.Key() == in.InvoiceKey {
				r.Form.Invoices = append(r.Form.Invoices[:i:i], r.Form.Invoices[i+1:]...)
				return auditNote("invoice", in.InvoiceKey), tx.ReleaseInvoice(ctx, in.InvoiceKey, r.ID)
			}
		}
		return "", notFound("invoice", in.InvoiceKey)
	})
}

// AddContract adds a contract (添加合同).
func (s *Service) AddContract(ctx context.Context, a Actor, in AddContractParams) (Redemption, error) {
	return s.editRedemption(ctx, a, in.Key, "AddContract", in.ID, in.Version, in, func(tx Tx, r *Redemption) (string, error) {
		var p cxq.Problems
		p.Add(checkAmount("contract.effective_amount", cxq.T("合同有效金额", "contract's effective amount"), in.Contract.EffectiveAmount, true))
		p.Add(checkContractName("contract.name", in.Contract.Name))
		ent, err := s.ents.Enterprise(ctx, r.EnterpriseID)
		if err != nil {
			return "", err
		}
		in.Contract.checkParties(&p, "contract", ent.Name, r.Product.ProviderName)
		if err := p.Err(); err != nil {
			return "", err
		}
		c := in.Contract
		if err := checkRefs(ctx, tx, a.Org, []fieldRef{{"contract.scan", &c.Scan, []string{SlotContractScan}}}); err != nil {
			return "", err
		}
		r.Form.Contracts = append(r.Form.Contracts, c)
		return auditNote("contract", in.Contract.Name, "amount", in.Contract.EffectiveAmount.String()), nil
	})
}

// RemoveContract removes the contract at in.Index (0-based, in the order added).
func (s *Service) RemoveContract(ctx context.Context, a Actor, in RemoveContractParams) (Redemption, error) {
	return s.editRedemption(ctx, a, in.Key, "RemoveContract", in.ID, in.Version, in, func(_ Tx, r *Redemption) (string, error) {
		if in.Index < 0 || in.Index >= len(r.Form.Contracts) {
			return "", notFound("contract", fmt.Sprint(in.Index))
		}
		name := r.Form.Contracts[in.Index].Name
		r.Form.Contracts = append(r.Form.Contracts[:in.Index:in.Index], r.Form.Contracts[in.Index+1:]...)
		return auditNote("contract", name), nil
	})
}

// AssignRedemption names the reviewer for one stage of a redemption (专业机构形式审查,
// 专家评审). Only the programme office assigns.
func (s *Service) AssignRedemption(ctx context.Context, a Actor, in AssignParams) (Redemption, error) {
	return assign(ctx, s, s.reds, a, "AssignRedemption", in)
}

// SubmitRedemption submits (or resubmits after a return) a redemption: the form is
// validated under the application's policy and 兑现创新券金额合计 computed. Under a policy
// with EvaluationRequired it is refused (*IneligibleError, policy.CodeEvaluationMissing)
// until the enterprise has evaluated the service of the order (EvaluateOrder).
func (s *Service) SubmitRedemption(ctx context.Context, a Actor, in SubmitParams) (Redemption, error) {
	return mutate(ctx, s, a, in.Key, "SubmitRedemption", in, func(tx Tx, now time.Time) (Redemption, error) {
		return s.submitRedemptionIn(ctx, tx, a, now, in)
	})
}

// submitRedemptionIn is SubmitRedemption inside the caller's transaction.
func (s *Service) submitRedemptionIn(ctx context.Context, tx Tx, a Actor, now time.Time, in SubmitParams) (Redemption, error) {
	r, action, err := submission(ctx, s, tx, s.reds, a, in, "submit_redemption")
	if err != nil {
		return Redemption{}, err
	}
	app, err := s.apps.load(ctx, tx, r.ApplicationID)
	if err != nil {
		return Redemption{}, err
	}
	c, err := s.gatherParties(ctx, tx, app, now)
	if err != nil {
		return Redemption{}, err
	}
	if err := s.refuseSanctioned(ctx, tx, now, app.EnterpriseID, app.Product.ProviderID); err != nil {
		return Redemption{}, err
	}
	var p cxq.Problems // every problem of the form at once
	p.AddErr("", r.Form.Validate(c.policy))
	p.AddErr("", r.Form.CheckParties(c.enterprise.Name, r.Product.ProviderName))
	if err := checkRequiredFiles(ctx, tx, r.Form.Files); err != nil {
		if !errors.As(err, new(*cxq.ValidationError)) {
			return Redemption{}, err
		}
		p.AddErr("", err)
	}
	if err := p.Err(); err != nil {
		return Redemption{}, err
	}
	if rs := c.policy.EvaluationReasons(c.order.Evaluation != nil); len(rs) > 0 {
		return Redemption{}, &IneligibleError{Reasons: rs}
	}
	total, breakdown, err := c.redemptionAmount(app, r.Form, now)
	if err != nil {
		return Redemption{}, err
	}
	from := r.State()
	if err := submit(s.reds, &r, a, action, c.enterprise.Place.District, total, now); err != nil {
		return Redemption{}, err
	}
	r.Total, r.Breakdown = total, breakdown
	return r, save(ctx, s, tx, s.reds, &r, a, now, string(action), from, auditNote("total", total.String()))
}

// ReviewRedemption fires a reviewer's decision on a redemption. At the expert stage the
// approval sets the actual amount (Fields["actual_amount"], at most the total); reaching
// 评审通过 consumes that amount of the application's reservation, once, and releases the
// rest — or, under split use (policy.SplitUse), keeps it for the voucher's next
// redemption.
func (s *Service) ReviewRedemption(ctx context.Context, a Actor, d Decision) (Redemption, error) {
	return decide(ctx, s, s.reds, a, "ReviewRedemption", d)
}

// redemptionFired settles the application at 评审通过 and frees the invoices of a
// redemption rejected (不予支持) or withdrawn: see releaseInvoices.
func (s *Service) redemptionFired(ctx context.Context, tx Tx, a Actor, r *Redemption, d Decision, now time.Time) (string, error) {
	switch r.State() {
	case review.Approved:
		actual, err := cxq.ParseMoney(r.Case.Facts[review.FieldActualAmount])
		if err != nil {
			var p cxq.Problems
			p.AddErr(review.FieldActualAmount, err)
			return "", p.Err()
		}
		r.Actual = actual
		if held, err := s.holdForNotice(r); held || err != nil {
			return auditNote("opinion", d.Opinion, "actual", actual.String(), "payout", PayoutAwaiting), err
		}
		split, err := s.settle(ctx, tx, a, *r, now)
		if err != nil {
			return "", err
		}
		r.Freed = split
		return auditNote("opinion", d.Opinion, "actual", actual.String()), nil
	case review.Rejected, review.Withdrawn:
		if err := releaseInvoices(ctx, tx, *r); err != nil {
			return "", err
		}
	}
	return auditNote("opinion", d.Opinion), nil
}

// releaseInvoices frees the invoices of r, a redemption that ended unpaid: rejected
// (不予支持), withdrawn (撤回) or its payout refused when objections to its notice were
// upheld. "每张发票只能使用一次" counts a use as a payment: an invoice backs one live or
// paid redemption, and a redemption that paid nothing used none, so the voucher's next
// redemption (申请兑现 is offered again while the voucher holds money) may claim the same
// invoices. A paid redemption keeps its invoices for good, clawed back or not. Contracts
// are never claimed: the same contract may back several redemptions (split use).
func releaseInvoices(ctx context.Context, tx Tx, r Redemption) error {
	for _, k := range r.Form.InvoiceKeys() {
		if err := tx.ReleaseInvoice(ctx, k, r.ID); err != nil {
			return err
		}
	}
	return nil
}

// settle turns the application's reservation into payment of r.Actual, exactly once (the
// application's Reserved shrinks in the same transaction). Without split use the rest of
// the reservation goes back to the quota and the voucher is settled; under split use
// (policy.SplitUse) only r.Actual is consumed and the rest stays reserved for the
// voucher's next redemption.
//
// It reports whether the voucher is under split use, when the redemption no longer
// occupies it (Record.Freed).
func (s *Service) settle(ctx context.Context, tx Tx, a Actor, r Redemption, now time.Time) (bool, error) {
	app, err := s.apps.load(ctx, tx, r.ApplicationID)
	if err != nil {
		return false, err
	}
	if app.Reserved.Sign() <= 0 || r.Actual.GreaterThan(app.Reserved) {
		return false, fmt.Errorf("voucher: application %s holds %s, cannot pay %s: %w", app.ID, app.Reserved, r.Actual, cxq.ErrConflict)
	}
	p, err := s.policies.Get(app.Policy)
	if err != nil {
		return false, err
	}
	release := app.Reserved
	if p.SplitUse {
		release = r.Actual
	}
	note := auditNote("redemption", r.ID, "paid", r.Actual.String(), "released", release.Sub(r.Actual).String(),
		"kept", app.Reserved.Sub(release).String(), "quota", app.Quota.String())
	if err := s.settleHeld(ctx, tx, a, now, &app, release, r.Actual, r.ID); err != nil {
		return false, err
	}
	return p.SplitUse, save(ctx, s, tx, s.apps, &app, a, now, "quota.settle", app.State(), note)
}

// WithdrawRedemption is the enterprise withdrawing its redemption; its invoices are
// freed and the application may be redeemed again. A rejection (ReviewRedemption)
// frees them too.
func (s *Service) WithdrawRedemption(ctx context.Context, a Actor, in WithdrawParams) (Redemption, error) {
	return withdraw(ctx, s, s.reds, a, "WithdrawRedemption", in)
}

// redemptionAmount is what the policy pays for form, a redemption of app: 兑现创新券金额合计.
// What the voucher still holds bounds it (its reservation; the quota's unreserved rest can
// never add to it). SubmitRedemption and PreviewRedemption both compute it here.
func (c claimContext) redemptionAmount(app Application, form RedemptionForm, now time.Time) (cxq.Money, policy.Breakdown, error) {
	return policy.RedemptionAmount(c.policy, policy.RedemptionInput{At: now, Approved: app.Reserved,
		Invoices: form.InvoiceAmounts(), Contracts: form.ContractAmounts(), Available: app.Reserved, Filed: form.Filed(),
		Enterprise: c.enterprise.Place, Provider: policy.ProviderPlace(c.provider)})
}

// PreviewRedemption says what submitting redemption id now would compute as 兑现创新券金额合计
// (系统自动计算) from its invoices and contracts, changing nothing, by the same rule
// SubmitRedemption applies; the error is the policy's refusal of the amount, if any (the
// rest of the form is checked at submission). Who may not submit it may not preview it.
func (s *Service) PreviewRedemption(ctx context.Context, a Actor, id string) (cxq.Money, policy.Breakdown, error) {
	now := s.clock()
	return preview(ctx, s, func(tx Tx) (previewed, error) {
		r, err := own(ctx, s, tx, s.reds, a, id, "preview_redemption")
		if err != nil {
			return previewed{}, err
		}
		app, err := s.apps.load(ctx, tx, r.ApplicationID)
		if err != nil {
			return previewed{}, err
		}
		c, err := s.gatherParties(ctx, tx, app, now)
		if err != nil {
			return previewed{}, err
		}
		amount, breakdown, refusal := c.redemptionAmount(app, r.Form, now)
		return previewed{amount, breakdown, refusal}, nil
	})
}
