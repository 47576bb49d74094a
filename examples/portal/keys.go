package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/cxqkit/cxq/voucher"
)

// demoAuditKeys returns the audit keys of the demo: a MAC key and a checkpoint signing
// key kept in files in dir (cxq-audit.key, cxq-checkpoint.key, mode 0600), made at the
// first start. This is a demo shortcut: a portal in production keeps the keys where the
// database role cannot read them (a secret store) and publishes its checkpoints.
func demoAuditKeys(dir string) (voucher.AuditKeys, error) {
	mac, err := keyFile(filepath.Join(dir, "cxq-audit.key"), 32)
	if err != nil {
		return voucher.AuditKeys{}, err
	}
	seed, err := keyFile(filepath.Join(dir, "cxq-checkpoint.key"), ed25519.SeedSize)
	if err != nil {
		return voucher.AuditKeys{}, err
	}
	return voucher.AuditKeys{MAC: mac, Signer: ed25519.NewKeyFromSeed(seed)}, nil
}

// keyFile reads n random bytes kept in path, writing them there first if the file does
// not exist yet.
func keyFile(path string, n int) ([]byte, error) {
	b, err := os.ReadFile(path)
	switch {
	case err == nil && len(b) == n:
		return b, nil
	case err == nil:
		return nil, fmt.Errorf("%s holds %d bytes, not %d", path, len(b), n)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	b = make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return nil, err
	}
	return b, f.Close()
}
