package voucher

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// StreamSanction is the doc kind and audit stream of a [Sanction].
const StreamSanction = "sanction"

// NoticeSanction tells an enterprise or a provider that a sanction on it was put in
// place or lifted.
const NoticeSanction NoticeKind = "sanction"

// CodeUnknownParty refuses a sanction on an enterprise the programme does not know.
const CodeUnknownParty = "unknown_party"

// SanctionState is whether a sanction was lifted. An active sanction is in force only
// within its period (policy.Sanction.InForce).
type SanctionState string

// The states of a sanction.
const (
	SanctionActive SanctionState = "active"
	SanctionLifted SanctionState = "lifted"
)

// Sanction is the programme office freezing (冻结) or blacklisting (黑名单) an
// enterprise, a provider or an actual controller for a period, on a legal basis
// (依据): while it is in force every claim of the party — and, for a controller, of every
// enterprise it controls — is refused with policy.CodeSanctioned naming the period.
// Lifting it (解除) is audited; claims from then on are no longer refused by it.
type Sanction struct {
	Filed
	policy.Sanction
	State     SanctionState `json:"state"`
	Note      string        `json:"note,omitempty"`
	ImposedBy string        `json:"imposed_by"`
	// LiftedBy and LiftReason say who lifted it, and why (policy.Sanction.Lifted when).
	LiftedBy   string `json:"lifted_by,omitempty"`
	LiftReason string `json:"lift_reason,omitempty"`
}

func (Sanction) docKind() string      { return StreamSanction }
func (s Sanction) docSubject() string { return partySubject(s.Party, s.PartyID) }
func (s Sanction) docState() string   { return string(s.State) }

// partySubject is the doc subject sanctions on one party are listed by.
func partySubject(k policy.PartyKind, id string) string { return string(k) + ":" + id }

// SanctionParams is the programme office sanctioning a party. From defaults to now; a
// freeze needs Until, a blacklist may be open-ended (zero Until).
type SanctionParams struct {
	Key     string              `json:"-"`
	Party   policy.PartyKind    `json:"party"`
	PartyID string              `json:"party_id"`
	Kind    policy.SanctionKind `json:"kind"`
	From    time.Time           `json:"from,omitzero"`
	Until   time.Time           `json:"until,omitzero"`
	Basis   string              `json:"basis"`
	Note    string              `json:"note,omitempty"`
}

// LiftParams is the programme office lifting sanction ID at Version, for Reason.
type LiftParams struct {
	Key     string `json:"-"`
	ID      string `json:"id"`
	Version int64  `json:"version,omitempty"`
	Reason  string `json:"reason"`
}

var (
	labelPartyID      = cxq.T("对象编号", "party ID")
	labelBasis        = cxq.T("依据", "legal basis")
	labelSanctionNote = cxq.T("备注", "note")
	labelLift         = cxq.T("解除原因", "reason for lifting")
)

// check validates the params as of now.
func (in SanctionParams) check(now time.Time) error {
	var ps cxq.Problems
	if !in.Party.Valid() {
		ps.Add(cxq.NewFieldError("party", cxq.CodeInvalid, map[string]string{"value": string(in.Party)},
			cxq.T("对象类型须为企业、服务机构或实际控制人", "the party must be an enterprise, a provider or a controller")))
	}
	if !in.Kind.Valid() {
		ps.Add(cxq.NewFieldError("kind", cxq.CodeInvalid, map[string]string{"value": string(in.Kind)},
			cxq.T("处理方式须为冻结或黑名单", "the kind must be freeze or blacklist")))
	}
	for _, fe := range []*cxq.FieldError{
		cxq.CheckText("party_id", labelPartyID, in.PartyID, cxq.TextRule{Required: true, Max: MaxKeyLen}),
		cxq.CheckText("basis", labelBasis, in.Basis, cxq.TextRule{Required: true, Max: 200}),
		cxq.CheckText("note", labelSanctionNote, in.Note, cxq.TextRule{Max: maxReturnText}),
	} {
		if fe != nil {
			ps.Add(fe)
		}
	}
	from := in.From
	if from.IsZero() {
		from = now
	}
	switch {
	case in.Until.IsZero() && in.Kind == policy.Freeze:
		ps.Add(cxq.Required("until", cxq.T("冻结截止时间", "end of the freeze")))
	case !in.Until.IsZero() && !in.Until.After(from):
		ps.Add(cxq.NewFieldError("until", cxq.CodeOutOfRange, nil,
			cxq.T("截止时间须晚于开始时间", "the end must come after the start")))
	}
	return ps.Err()
}

// Sanction puts a sanction in place (programme office only). It is audited and the
// party, when it is an enterprise or a provider, is told.
func (s *Service) Sanction(ctx context.Context, a Actor, in SanctionParams) (Sanction, error) {
	if a.Role != RoleCoordinator || a.ID == "" {
		return Sanction{}, s.deny(ctx, a, "sanction", StreamSanction, "", "only the programme office sanctions", false)
	}
	return mutate(ctx, s, a, in.Key, "Sanction", in, func(tx Tx, now time.Time) (Sanction, error) {
		if err := in.check(now); err != nil {
			return Sanction{}, err
		}
		if in.Party == policy.PartyEnterprise {
			if _, err := s.ents.Enterprise(ctx, in.PartyID); errors.Is(err, cxq.ErrNotFound) {
				return Sanction{}, cxq.NewFieldError("party_id", CodeUnknownParty, nil,
					cxq.T("没有该企业", "no such enterprise"))
			} else if err != nil {
				return Sanction{}, err
			}
		}
		from := in.From
		if from.IsZero() {
			from = now
		}
		sa := Sanction{Filed: Filed{ID: s.ids.NewID(StreamSanction)}, Sanction: policy.Sanction{Party: in.Party,
			PartyID: in.PartyID, Kind: in.Kind, From: from.UTC(), Until: in.Until.UTC(), Basis: in.Basis},
			State: SanctionActive, Note: in.Note, ImposedBy: a.ID}
		if err := storeFiled(ctx, s, tx, &sa, a, now, "sanction", auditNote("party", sa.docSubject(), "kind", string(in.Kind))); err != nil {
			return Sanction{}, err
		}
		r := sa.Reason().Text()
		return sa, s.sanctionNotice(ctx, tx, &sa, now, r)
	})
}

// LiftSanction lifts a sanction (programme office only), with a reason, audited: from
// now on it refuses nothing. A sanction lifted already is cxq.ErrConflict.
func (s *Service) LiftSanction(ctx context.Context, a Actor, in LiftParams) (Sanction, error) {
	if a.Role != RoleCoordinator || a.ID == "" {
		return Sanction{}, s.deny(ctx, a, "lift_sanction", StreamSanction, in.ID, "only the programme office lifts sanctions", false)
	}
	return mutate(ctx, s, a, in.Key, "LiftSanction", in, func(tx Tx, now time.Time) (Sanction, error) {
		if fe := cxq.CheckText("reason", labelLift, in.Reason, cxq.TextRule{Required: true, Max: maxReturnText}); fe != nil {
			return Sanction{}, fe
		}
		sa, err := loadFiled[Sanction](ctx, tx, StreamSanction, in.ID)
		if err != nil {
			return Sanction{}, err
		}
		if err := checkVersion(StreamSanction, sa.ID, in.Version, sa.Version); err != nil {
			return Sanction{}, err
		}
		if sa.State != SanctionActive {
			return Sanction{}, fmt.Errorf("voucher: sanction %s is %s: %w", sa.ID, sa.State, cxq.ErrConflict)
		}
		sa.State, sa.Lifted, sa.LiftedBy, sa.LiftReason = SanctionLifted, now, a.ID, in.Reason
		if err := storeFiled(ctx, s, tx, &sa, a, now, "lift", auditNote("reason", in.Reason)); err != nil {
			return Sanction{}, err
		}
		kind := sa.Kind.Label()
		return sa, s.sanctionNotice(ctx, tx, &sa, now, cxq.T("对您的"+kind.ZH+"处理已解除："+in.Reason,
			"The sanction on you ("+kind.EN+") was lifted: "+in.Reason))
	})
}

// sanctionNotice tells the sanctioned enterprise or provider (a controller has no inbox).
func (s *Service) sanctionNotice(ctx context.Context, tx Tx, sa *Sanction, now time.Time, text cxq.Text) error {
	if sa.Party == policy.PartyController {
		return nil
	}
	stream, to := StreamOf(StreamSanction, sa.ID), OrgAddress(sa.PartyID)
	return tx.AppendNotice(ctx, Notice{ID: noticeID(stream, strconv.FormatInt(sa.AuditSeq, 10), to), To: to, Kind: NoticeSanction,
		Subject: stream, Code: policy.CodeSanctioned, Text: text, Created: now, Due: now, NextTry: now, State: NoticePending})
}

// SanctionFilter selects sanctions: by state ("" any).
type SanctionFilter struct {
	State SanctionState `json:"state,omitempty"`
}

// Sanctions lists the sanctions the actor may see, oldest first: the programme office
// every one; an enterprise those on itself and on its actual controller; a provider
// those on itself.
func (s *Service) Sanctions(ctx context.Context, a Actor, f SanctionFilter) ([]Sanction, error) {
	var mine []string
	switch {
	case a.Role == RoleCoordinator && a.ID != "":
	case a.Role == RoleEnterprise && a.Org != "":
		subjects, err := s.claimantSubjects(ctx, a.Org, "")
		if err != nil {
			return nil, err
		}
		mine = subjects
	case a.Role == RoleProvider && a.Org != "":
		mine = []string{partySubject(policy.PartyProvider, a.Org)}
	default:
		return []Sanction{}, nil
	}
	return view(ctx, s, func(tx Tx) ([]Sanction, error) {
		all, err := listFiled[Sanction](ctx, tx, DocFilter{Kind: StreamSanction, State: string(f.State)})
		if err != nil || mine == nil {
			return all, err
		}
		return slices.DeleteFunc(all, func(sa Sanction) bool { return !slices.Contains(mine, sa.docSubject()) }), nil
	})
}

// claimantSubjects are the parties a claim of the enterprise (with the provider, "" for
// none) engages: the enterprise, its actual controller if known, the provider.
func (s *Service) claimantSubjects(ctx context.Context, enterpriseID, providerID string) ([]string, error) {
	out := []string{partySubject(policy.PartyEnterprise, enterpriseID)}
	e, err := s.ents.Enterprise(ctx, enterpriseID)
	switch {
	case errors.Is(err, cxq.ErrNotFound):
	case err != nil:
		return nil, err
	case e.Controller != "":
		out = append(out, partySubject(policy.PartyController, e.Controller))
	}
	if providerID != "" {
		out = append(out, partySubject(policy.PartyProvider, providerID))
	}
	return out, nil
}

// refuseSanctioned refuses, as an *IneligibleError with a policy.CodeSanctioned reason
// for each, a claim at now of the enterprise with the provider ("" for none) while a
// sanction on either, or on the enterprise's actual controller, is in force.
func (s *Service) refuseSanctioned(ctx context.Context, tx Tx, now time.Time, enterpriseID, providerID string) error {
	subjects, err := s.claimantSubjects(ctx, enterpriseID, providerID)
	if err != nil {
		return err
	}
	var terms []policy.Sanction
	for _, subj := range subjects {
		list, err := listFiled[Sanction](ctx, tx, DocFilter{Kind: StreamSanction, Subject: subj, State: string(SanctionActive)})
		if err != nil {
			return err
		}
		for _, sa := range list {
			terms = append(terms, sa.Sanction)
		}
	}
	if rs := policy.Sanctioned(terms, now); len(rs) > 0 {
		return &IneligibleError{Reasons: rs}
	}
	return nil
}
