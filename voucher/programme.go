package voucher

import (
	"fmt"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Programme is the voucher programme a [Service] runs: the registry of its policy
// versions, the ID of the programme's policy in it, and the review workflows its
// applications and redemptions go through. An application is judged under the version of
// Policy in effect when it is first submitted, and stays under that version.
type Programme struct {
	Policies        *policy.Registry
	Policy          string // the policy's ID in Policies, e.g. policy.PresetTianjin
	ApplicationFlow *review.Workflow
	RedemptionFlow  *review.Workflow
	// Rubric is how enterprises evaluate the services they bought (Service.EvaluateOrder).
	// Defaults to policy.NanjingRubric() when its ID is empty.
	Rubric policy.Rubric
}

// ShippedProgramme returns the programme of a shipped preset policy (see
// policy.Presets) with the shipped workflows: applications go through
// tianjin-application (区初审 → 专业机构复审 → 复审通过) and redemptions through
// tianjin-redemption (→ 市级形式审查受理 → 评审通过), whatever the preset; the policy's own
// rules are applied by the Service. The shipped hebei-redemption workflow is not used
// yet: its expert panel needs several assigned experts on one stage, and a record holds
// one reviewer per stage. An unknown ID matches cxq.ErrNotFound.
func ShippedProgramme(id string) (Programme, error) {
	reg := policy.Presets()
	if _, err := reg.Latest(id); err != nil {
		return Programme{}, err
	}
	return Programme{Policies: reg, Policy: id, ApplicationFlow: review.TianjinApplication(),
		RedemptionFlow: review.TianjinRedemption()}, nil
}

// check reports the first missing part of p.
func (p Programme) check() error {
	switch {
	case p.Policies == nil:
		return fmt.Errorf("voucher: Programme lacks Policies: %w", cxq.ErrInvalid)
	case p.ApplicationFlow == nil || p.RedemptionFlow == nil:
		return fmt.Errorf("voucher: Programme lacks a workflow: %w", cxq.ErrInvalid)
	}
	if _, err := p.Policies.Latest(p.Policy); err != nil {
		return fmt.Errorf("voucher: Programme names policy %q, which its registry lacks: %w", p.Policy, cxq.ErrInvalid)
	}
	for _, st := range p.ApplicationFlow.States() {
		if StandingText(st).ZH != "" {
			return fmt.Errorf("voucher: the application workflow's state %q is the name of a standing: %w", st, cxq.ErrInvalid)
		}
	}
	if p.Rubric.ID != "" {
		if err := p.Rubric.Validate(); err != nil {
			return fmt.Errorf("voucher: Programme's rubric: %w", err)
		}
	}
	return nil
}

// rubric returns the programme's rubric, the default when none is set.
func (p Programme) rubric() policy.Rubric {
	if p.Rubric.ID == "" {
		return policy.NanjingRubric()
	}
	return p.Rubric
}
