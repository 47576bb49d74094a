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

// demoKeys are the demo's secrets: the audit keys of the Service and the key of the
// verification codes printed on exported forms.
type demoKeys struct {
	audit voucher.AuditKeys
	code  []byte
}

// demoAuditKeys returns the keys of the demo, kept in files in dir (cxq-audit.key,
// cxq-checkpoint.key, cxq-code.key, mode 0600), made at the first start. Processes that
// share a database must share these files (the same dir), or each would refuse the
// others' audit trail; making them is safe when several start at once. This is a demo
// shortcut: a portal in production keeps the keys where the database role cannot read
// them (a secret store) and publishes its checkpoints.
func demoAuditKeys(dir string) (demoKeys, error) {
	mac, err := keyFile(filepath.Join(dir, "cxq-audit.key"), 32)
	if err != nil {
		return demoKeys{}, err
	}
	seed, err := keyFile(filepath.Join(dir, "cxq-checkpoint.key"), ed25519.SeedSize)
	if err != nil {
		return demoKeys{}, err
	}
	code, err := keyFile(filepath.Join(dir, "cxq-code.key"), 32)
	if err != nil {
		return demoKeys{}, err
	}
	return demoKeys{audit: voucher.AuditKeys{MAC: mac, Signer: ed25519.NewKeyFromSeed(seed)}, code: code}, nil
}

// keyFile reads n random bytes kept in path, writing them there first if the file does
// not exist yet. The new file appears whole or not at all (written aside, then linked
// into place), so a process starting at the same time reads the winner's key.
func keyFile(path string, n int) ([]byte, error) {
	b, err := readKey(path, n)
	if !errors.Is(err, fs.ErrNotExist) {
		return b, err
	}
	b = make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".cxq-key-*")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	if err := os.Link(f.Name(), path); errors.Is(err, fs.ErrExist) {
		return readKey(path, n) // another process made it first
	} else if err != nil {
		return nil, err
	}
	return b, nil
}

// readKey reads the n bytes of the key file at path.
func readKey(path string, n int) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) != n {
		return nil, fmt.Errorf("%s holds %d bytes, not %d", path, len(b), n)
	}
	return b, nil
}
