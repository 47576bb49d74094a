package catalog

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:generate go run ../internal/labgen/cmd/genlabs -out data/labs.json

// BundledLabCount is the number of labs in the bundled list: the size of the first batch
// of the mutually recognised list (首批 753 个开放实验室).
const BundledLabCount = 753

//go:embed data/labs.json
var bundledLabsJSON []byte

// BundledLabs returns the bundled list of 753 open labs, a fresh copy on each call.
//
// The official list is not published in machine-readable form, so the bundled list holds
// the six labs printed in the reference manual (Source "manual", see ManualLabs) and 747
// synthetic labs of invented institutions (Source "synthetic") with fictitious phone
// numbers (a landline whose subscriber number starts with 5550, e.g. "022-55500417").
// A portal replaces it with the official list through ReadLabs or ReadLabsFile.
func BundledLabs() ([]Lab, error) {
	var labs []Lab
	if err := json.Unmarshal(bundledLabsJSON, &labs); err != nil {
		return nil, fmt.Errorf("catalog: bundled labs: %w", err)
	}
	return labs, nil
}
