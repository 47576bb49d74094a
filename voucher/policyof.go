package voucher

import "github.com/cxqkit/cxq/voucher/policy"

// ApplicationPolicy returns the policy app is judged under: the one fixed at its first
// submission, or for a draft the programme's policy in force now — what a page states as
// the rules (the minimum contract amount, the rate, the cap) while the form is filled in.
func (s *Service) ApplicationPolicy(app Application) (policy.Policy, error) {
	if !app.Policy.IsZero() {
		return s.policies.Get(app.Policy)
	}
	return s.policies.At(s.programme, s.clock())
}
