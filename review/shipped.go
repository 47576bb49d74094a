package review

import (
	"embed"
	"fmt"
	"slices"
	"strings"

	"github.com/cxqkit/cxq"
)

// The shipped workflow definitions, as JSON. They are read only through Shipped and
// the functions below, which build a fresh Workflow on every call.
//
//go:embed workflows/*.json
var shippedFS embed.FS

// IDs of the shipped workflows.
const (
	TianjinApplicationID = "tianjin-application"
	TianjinRedemptionID  = "tianjin-redemption"
	HebeiRedemptionID    = "hebei-redemption"
)

// ShippedIDs returns the IDs of the workflows cxq ships, sorted.
func ShippedIDs() []string {
	entries, _ := shippedFS.ReadDir("workflows")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".json"))
	}
	slices.Sort(out)
	return out
}

// ShippedDefinition returns the definition of the shipped workflow id. An unknown id
// matches cxq.ErrNotFound.
func ShippedDefinition(id string) (Definition, error) {
	b, err := shippedFS.ReadFile("workflows/" + id + ".json")
	if err != nil || strings.ContainsAny(id, "/.") {
		return Definition{}, fmt.Errorf("review: no shipped workflow %q: %w", id, cxq.ErrNotFound)
	}
	return ParseDefinition(b)
}

// Shipped builds the shipped workflow id with StandardGuards. An unknown id matches
// cxq.ErrNotFound.
func Shipped(id string) (*Workflow, error) {
	d, err := ShippedDefinition(id)
	if err != nil {
		return nil, err
	}
	return NewWorkflow(d, StandardGuards())
}

func mustShipped(id string) *Workflow {
	w, err := Shipped(id)
	if err != nil {
		panic(err) // the shipped definitions are fixed; TestShippedBuild builds every one
	}
	return w
}

// TianjinApplication returns the Tianjin voucher application workflow (天津市科技创新券申请):
// draft → 区初审 (district) → 专业机构复审 (professional, assigned) → 复审通过, with return
// for revision, rejection (不予支持) and withdrawal at every review stage.
func TianjinApplication() *Workflow { return mustShipped(TianjinApplicationID) }

// TianjinRedemption returns the Tianjin voucher redemption workflow (天津市科技创新券兑现):
// draft → 区科技主管部门初审 (district) → 专业机构形式审查 (professional, assigned) → 专家评审
// (expert, assigned; shown to the enterprise as 市级形式审查受理, when it exports the form and
// hands in the signed paper copy) → 评审通过. The expert's approval sets actual_amount
// (实际兑现金额), never above the case's claimed_amount.
func TianjinRedemption() *Workflow { return mustShipped(TianjinRedemptionID) }

// HebeiRedemption returns a Hebei-style redemption workflow: district review, receipt
// of the signed paper copy, an expert panel in which a quorum of three assigned experts
// decides, and a 7-day public notice (公示) in which an objection reopens the panel.
func HebeiRedemption() *Workflow { return mustShipped(HebeiRedemptionID) }
