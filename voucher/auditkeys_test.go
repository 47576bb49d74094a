package voucher_test

import (
	"context"
	"crypto/ed25519"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/policy"
)

func serviceWith(t *testing.T, st voucher.Store, keys voucher.AuditKeys) (*voucher.Service, error) {
	t.Helper()
	prog, err := voucher.ShippedProgramme(policy.PresetTianjin)
	require.NoError(t, err)
	return voucher.New(voucher.Config{Store: st, Now: time.Now, Programme: prog, Catalog: voucher.CatalogOf(nil, nil),
		Enterprises: voucher.EnterprisesOf(), People: voucher.PeopleOf(), Audit: keys})
}

// The audit keys do what AuditKeys documents: a MAC of at least 32 bytes, an Ed25519
// signer, checkpoints verified with the signer's public key or Verifier alone, and a
// checkpoint refused when no key can verify it.
func TestAuditKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	mac := []byte("a MAC key of at least thirty-two bytes")
	signer := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))
	for name, keys := range map[string]voucher.AuditKeys{
		"short MAC":  {MAC: []byte("short")},
		"bad signer": {MAC: mac, Signer: ed25519.PrivateKey("not a key")},
	} {
		_, err := serviceWith(t, memstore.New(), keys)
		require.ErrorIs(t, err, cxq.ErrInvalid, name)
	}
	st := memstore.New()
	signing, err := serviceWith(t, st, voucher.AuditKeys{MAC: mac, Signer: signer})
	require.NoError(t, err)
	cp, err := signing.Checkpoint(ctx)
	require.NoError(t, err)
	require.NoError(t, signing.VerifyAudit(ctx, cp))

	verifying, err := serviceWith(t, st, voucher.AuditKeys{MAC: mac, Verifier: signer.Public().(ed25519.PublicKey)})
	require.NoError(t, err)
	require.NoError(t, verifying.VerifyAudit(ctx, cp), "Verifier alone verifies")
	_, err = verifying.Checkpoint(ctx)
	require.ErrorIs(t, err, cxq.ErrInvalid, "no signer, no checkpoint")

	other := ed25519.NewKeyFromSeed([]byte("another seed, thirty-two bytes!!"))
	forged := cp
	forged.Signature = ed25519.Sign(other, cp.SignedBytes())
	require.ErrorIs(t, verifying.VerifyAudit(ctx, forged), cxq.ErrTampered, "a checkpoint signed by another key")

	macOnly, err := serviceWith(t, st, voucher.AuditKeys{MAC: mac})
	require.NoError(t, err)
	require.ErrorIs(t, macOnly.VerifyAudit(ctx, cp), cxq.ErrInvalid, "no key to verify the checkpoint with")
	require.NoError(t, macOnly.VerifyAudit(ctx))
}
