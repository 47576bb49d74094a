package scenario

import (
	"embed"
	"io/fs"
	"path"
)

//go:embed testdata/scenarios/*.json
var golden embed.FS

// Golden returns the scenario files cxq ships: one for every golden case of the
// policies' rules (docs: POLICY.md), in file name order. voucher/storetest runs them on
// every driver.
func Golden() ([]File, error) {
	paths, err := fs.Glob(golden, "testdata/scenarios/*.json")
	if err != nil {
		return nil, err
	}
	out := make([]File, 0, len(paths))
	for _, p := range paths {
		b, err := golden.ReadFile(p)
		if err != nil {
			return nil, err
		}
		f, err := Parse(path.Base(p), b)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}
