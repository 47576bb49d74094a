package voucher

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/review"
)

// Role is what an [Actor] acts as: the review engine's roles plus the provider's.
type Role = review.Role

// The roles of the voucher programme.
const (
	RoleEnterprise        = review.RoleApplicant    // 企业: orders, applies, redeems; sees only its own records
	RoleDistrict          = review.RoleDistrict     // 区科技主管部门: first review within its district
	RoleProfessional      = review.RoleProfessional // 专业机构: reviews items assigned to it
	RoleExpert            = review.RoleExpert       // 评审专家: the expert review of redemptions, assigned
	RoleCoordinator       = review.RoleOffice       // 创新券管理办公室: assigns reviewers, runs deadlines
	RoleProvider     Role = "provider"              // 服务机构: confirms orders for its products
)

// Actor is the person calling the service, as the portal authenticated them. The library
// trusts these fields and checks every call against them.
type Actor struct {
	ID       string `json:"id"`                 // the person, unique across roles
	Role     Role   `json:"role"`               // what they act as
	Org      string `json:"org,omitempty"`      // enterprise ID (enterprise), provider ID (provider)
	District string `json:"district,omitempty"` // the district a district reviewer serves
	Name     string `json:"name,omitempty"`     // for audit and display
}

// LogValue keeps a log line to the actor's ID, role and scope.
func (a Actor) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", a.ID), slog.String("role", string(a.Role)),
		slog.String("org", a.Org), slog.String("district", a.District))
}

// DeniedError is returned when an actor may not do what they asked. It matches
// cxq.ErrForbidden. Reading another enterprise's record is never a DeniedError: it
// answers exactly like a record that does not exist.
type DeniedError struct {
	Actor  string
	Action string
	Reason string
}

func (e *DeniedError) Error() string {
	return fmt.Sprintf("voucher: %s may not %s: %s", e.Actor, e.Action, e.Reason)
}

// Unwrap returns cxq.ErrForbidden.
func (e *DeniedError) Unwrap() error { return cxq.ErrForbidden }

// notFound is what every lookup answers, for a missing record and for a record the
// actor may not see alike.
func notFound(kind, id string) error {
	return fmt.Errorf("voucher: %s %q: %w", kind, id, cxq.ErrNotFound)
}

// deny logs and returns a denial; hidden denials (someone else's record) are logged and
// answered as not found.
func (s *Service) deny(ctx context.Context, a Actor, action, kind, id, reason string, hidden bool) error {
	s.log.LogAttrs(ctx, slog.LevelWarn, "voucher: access denied",
		slog.Any("actor", a), slog.String("action", action), slog.String("kind", kind),
		slog.String("id", id), slog.String("reason", reason))
	if hidden {
		return notFound(kind, id)
	}
	return &DeniedError{Actor: a.ID, Action: action, Reason: reason}
}

// ownsEnterprise reports whether a is the enterprise owning a record.
func ownsEnterprise(a Actor, enterpriseID string) bool {
	return a.Role == RoleEnterprise && a.Org != "" && a.Org == enterpriseID
}

// canSee reports whether a may read a record: its enterprise; a district reviewer of the
// district snapshotted at submission; a reviewer assigned to any of its stages; or the
// programme office.
func canSee(a Actor, enterpriseID, district string, assignments map[State]string) bool {
	switch a.Role {
	case RoleEnterprise:
		return ownsEnterprise(a, enterpriseID)
	case RoleDistrict:
		return a.District != "" && a.District == district
	case RoleProfessional, RoleExpert:
		for _, who := range assignments {
			if who == a.ID && a.ID != "" {
				return true
			}
		}
	case RoleCoordinator:
		return a.ID != ""
	}
	return false
}
