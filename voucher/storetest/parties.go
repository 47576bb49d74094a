package storetest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// renamed is a directory of enterprises whose E1 takes a new name once rename is set.
type renamed struct {
	voucher.Enterprises
	rename *bool
}

func (r renamed) Enterprise(ctx context.Context, id string) (policy.Enterprise, error) {
	e, err := r.Enterprises.Enterprise(ctx, id)
	if *r.rename && id == "E1" {
		e.Name = "企业E1（更名后）"
	}
	return e, err
}

// testContractParties: a contract naming a client other than the applicant, or a
// provider other than the order's, is refused as it is added (party_mismatch on the
// party's field, nothing stored), and at submission when one stored earlier no longer
// names the applicant (renamed since); names that differ only in spaces are the same
// party.
func testContractParties(t *testing.T, w0 *World) {
	rename := false
	w := NewWorldConfigured(t, w0.Store, WorldPolicy(), func(c *voucher.Config) {
		c.Enterprises = renamed{Enterprises: c.Enterprises, rename: &rename}
	})
	app := w.Approve(w.Submitted(w.Enterprise, "9099.00").ID)
	r := w.Prepared(app.ID, "9099.00")
	add := func(client, provider string) (voucher.Redemption, error) {
		return w.Svc.AddContract(bg, w.Redeemer, voucher.AddContractParams{Key: w.Key(), ID: r.ID, Version: r.Version,
			Contract: voucher.Contract{Name: "补充协议", EffectiveAmount: cxq.MustMoney("100.00"), Client: client, Provider: provider,
				Scan: w.Ref(w.Redeemer, voucher.SlotContractScan, "extra.pdf"), Filed: Start}})
	}
	_, err := add("某某无关公司", "另一家公司")
	require.Equal(t, map[string]string{"contract.client": voucher.CodePartyMismatch, "contract.provider": voucher.CodePartyMismatch},
		fieldCodes(t, err))
	again, err := w.Svc.Redemption(bg, w.Redeemer, r.ID)
	require.NoError(t, err)
	require.Equal(t, r.Version, again.Version, "a refused contract changes nothing")

	r, err = add("企业 E1", "天津大学\u3000")
	require.NoError(t, err, "the applicant and the provider, spaced otherwise")
	require.Len(t, r.Form.Contracts, 2)

	rename = true
	_, err = w.Svc.SubmitRedemption(bg, w.Redeemer, voucher.SubmitParams{Key: w.Key(), ID: r.ID, Version: r.Version})
	require.Equal(t, map[string]string{"contracts[1].client": voucher.CodePartyMismatch}, fieldCodes(t, err))
	r, err = w.Svc.Redemption(bg, w.Redeemer, r.ID)
	require.NoError(t, err)
	require.Equal(t, review.Draft, r.State(), "refused, still a draft")
}

// testIneligibleFormProblems: a submission refused for a reason outside the form (here
// the enterprise's revenue) also names the form's own problems, so that a person fixes
// everything at once.
func testIneligibleFormProblems(t *testing.T, w *World) {
	o := w.Order(w.Enterprise, "P1")
	f := w.Form(w.Enterprise, "9099.00")
	f.Activity = ""
	d, err := w.Svc.SaveApplication(bg, w.Enterprise, voucher.ApplicationDraft{Key: w.Key(), OrderID: o.ID, Form: f})
	require.NoError(t, err)
	_, err = w.Svc.SubmitApplication(bg, w.Enterprise, voucher.SubmitParams{Key: w.Key(), ID: d.ID})
	var ie *voucher.IneligibleError
	require.ErrorAs(t, err, &ie)
	require.Equal(t, policy.CodeRevenueTooHigh, ie.Reasons[0].Code)
	codes := fieldCodes(t, err)
	require.Equal(t, cxq.CodeRequired, codes["activity"], "the form's problem beside the reason: %v", codes)
	require.Contains(t, codes, "")
}
