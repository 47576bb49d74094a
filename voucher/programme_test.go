package voucher_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/policy"
)

func TestShippedProgramme(t *testing.T) {
	t.Parallel()
	for _, p := range policy.Presets().All() {
		prog, err := voucher.ShippedProgramme(p.ID)
		require.NoError(t, err, p.ID)
		require.Equal(t, p.ID, prog.Policy)
		_, err = voucher.New(voucher.Config{Store: memstore.New(), Now: time.Now, Programme: prog,
			Catalog: voucher.CatalogOf(nil, nil), Enterprises: voucher.EnterprisesOf(), People: voucher.PeopleOf(),
			Audit: voucher.AuditKeys{Unkeyed: true}})
		require.NoError(t, err, "a shipped programme wires a Service: %s", p.ID)
	}
	_, err := voucher.ShippedProgramme("atlantis")
	require.ErrorIs(t, err, cxq.ErrNotFound)
	_, err = voucher.New(voucher.Config{Store: memstore.New(), Now: time.Now, Catalog: voucher.CatalogOf(nil, nil),
		Enterprises: voucher.EnterprisesOf(), People: voucher.PeopleOf(), Audit: voucher.AuditKeys{Unkeyed: true}})
	require.ErrorIs(t, err, cxq.ErrInvalid, "a Config without a Programme")
	prog, _ := voucher.ShippedProgramme(policy.PresetTianjin)
	_, err = voucher.New(voucher.Config{Store: memstore.New(), Now: time.Now, Programme: prog,
		Catalog: voucher.CatalogOf(nil, nil), Enterprises: voucher.EnterprisesOf(), People: voucher.PeopleOf()})
	require.ErrorIs(t, err, cxq.ErrInvalid, "a Config without audit keys (or Unkeyed)")

	b, err := json.Marshal(prog.ApplicationFlow.Definition())
	require.NoError(t, err)
	def, err := review.ParseDefinition(bytes.ReplaceAll(b, []byte(`"`+review.DistrictReview+`"`), []byte(`"`+voucher.StandingReturned+`"`)))
	require.NoError(t, err)
	prog.ApplicationFlow, err = review.NewWorkflow(def, review.StandardGuards())
	require.NoError(t, err)
	_, err = voucher.New(voucher.Config{Store: memstore.New(), Now: time.Now, Programme: prog,
		Catalog: voucher.CatalogOf(nil, nil), Enterprises: voucher.EnterprisesOf(), People: voucher.PeopleOf(),
		Audit: voucher.AuditKeys{Unkeyed: true}})
	require.ErrorIs(t, err, cxq.ErrInvalid, "a workflow state named like a standing would be read as one")
}
