// Package review is a declarative, multi-stage review engine, with the application and
// redemption workflows of the voucher programmes as data.
//
// A [Definition] (plain data, JSON) lists a workflow's stages (state, the role that acts,
// its scope, labels and the status text the enterprise sees), its actions and its
// transitions with their named guards. [NewWorkflow] checks it against a [Guards]
// registry and builds an immutable [Workflow]; unknown guards, unreachable states, two
// transitions for one (state, action), exits from terminal states and stages with no
// role are each a [*DefinitionError] at construction, never a silent no-op at run time.
//
// A [Case] is the item under review: workflow, state, version, owner, district, facts and
// its hash-chained history of [AuditEntry] values. [Workflow.Fire] is the only way to
// change its state.
//
// # How to use
//
//	wf := review.TianjinApplication()
//	c := wf.NewCase(review.Opening{ID: "A-1", Owner: "ent-9", District: "nankai"})
//	c, entry, err := wf.Fire(c, review.Input{
//		Action: review.Submit,
//		Actor:  review.Actor{ID: "p-1", Roles: []review.Role{review.RoleApplicant}, Org: "ent-9"},
//		Time:   now, // from the caller's clock: the engine never reads one
//	})
//	// store c and entry in one transaction, compare-and-set on the old c.Version
//
// Errors: [*TransitionError] (ErrNotAllowed, cxq.ErrConflict) when the state does not offer
// the action; [*ForbiddenError] (ErrRole, ErrScope, ErrSeparationOfDuties; all
// cxq.ErrForbidden) when the actor may not; [*cxq.ValidationError] (cxq.ErrInvalid) for a
// missing opinion or bad input; [*GuardError] (ErrGuardFailed) when a guard refuses,
// wrapping the guard's reason. On error nothing changes.
//
// [Workflow.Allowed] lists what an actor may do now (for buttons); [Workflow.Status] gives
// the status text of a state exactly as the portal shows it (复审通过, 市级形式审查受理,
// 评审通过); [Workflow.Outcome] says whether a state approved, rejected or withdrew the
// case; [Stage.HasTag]([TagExport]) marks the stage in which the enterprise exports the
// form and hands in the signed paper copy.
//
// A store persists the [Case] as it is (plain JSON-able data) and its [AuditEntry] rows in
// the same transaction, compare-and-set on [Case.Version]; when it reads them back,
// [VerifyCase] recomputes the hash chain. Fire itself refuses a case whose history does
// not verify or replay.
//
// # Shipped workflows
//
// [TianjinApplication] (区初审 → 专业机构复审 → 复审通过), [TianjinRedemption] (区科技主管部门初审
// → 专业机构形式审查 → 市级形式审查受理 → 专家评审 → 评审通过) and [HebeiRedemption] (a 7-day
// 公示 in which an objection reopens review, a paper-receipt stage and an expert panel
// deciding by quorum), built with [StandardGuards]. In every one, each review stage can
// approve, return for revision (退回修改, opinion required; the enterprise resubmits to the
// first review stage with the history kept) or reject (不予支持, terminal, opinion
// required), and the enterprise may withdraw until the final decision. The enterprise's
// submit action leads straight into the first review stage: "submitted" is the state
// [DistrictReview], shown as 待区初审.
//
// Guards are named functions in a [Guards] registry; the standard ones are
// [GuardAmountWithinClaim] (the expert's actual_amount never above the case's
// claimed_amount fact), [GuardQuorum], [GuardOneVoteEach] and [GuardPeriodElapsed].
//
// # Authorization
//
// Each stage names a [Role] and a [Scope]: [ScopeDistrict] lets a reviewer act only on
// cases of their own district (snapshotted into the case when it is opened),
// [ScopeAssigned] only on cases assigned to them, [ScopeOwner] only the enterprise's own
// people. Separation of duties: apart from the applicant, one person acts on at most one
// stage of a case, across every round (a return and resubmission does not reset it).
//
// # Audit
//
// Each entry carries the hash of the entry before it; [HashEntry] is SHA-256 over
// [CanonicalBytes], documented so that a store can recompute it. The encoding, the hash
// and the walk are cxq's one audit chain (internal/chain), shared with the voucher
// records' trail. [Verify] finds an edited, removed or reordered entry; [VerifyCase] also
// checks the history against the case. Both fail with a *cxq.TamperError matching
// cxq.ErrTampered.
//
// # Diagrams
//
// Generated from the shipped definitions (go test -update rewrites this section).
//
// 河北式科技创新券兑现（公示、纸质材料、专家组） (hebei-redemption), Mermaid:
//
//	stateDiagram-v2
//	    state "公示无异议，审核通过 · approved" as approved
//	    state "待初审 · district_review · district_reviewer/district" as district_review
//	    state "未提交 · draft · enterprise/owner" as draft
//	    state "专家评审中 · expert_panel · expert/assigned" as expert_panel
//	    state "待提交纸质材料 · paper_receipt · registrar/district" as paper_receipt
//	    state "公示中 · public_notice · programme_office" as public_notice
//	    state "不予支持 · rejected" as rejected
//	    state "退回修改 · returned · enterprise/owner" as returned
//	    state "已撤回 · withdrawn" as withdrawn
//	    [*] --> draft
//	    district_review --> paper_receipt : approve
//	    district_review --> rejected : reject +意见
//	    district_review --> returned : return +意见
//	    district_review --> withdrawn : withdraw by enterprise
//	    draft --> district_review : submit
//	    draft --> withdrawn : withdraw
//	    expert_panel --> public_notice : approve [quorum, amount_within_claim]
//	    expert_panel --> rejected : reject +意见 [quorum]
//	    expert_panel --> returned : return +意见
//	    expert_panel --> expert_panel : vote_approve [one_vote_each]
//	    expert_panel --> expert_panel : vote_reject +意见 [one_vote_each]
//	    expert_panel --> withdrawn : withdraw by enterprise
//	    paper_receipt --> expert_panel : receive
//	    paper_receipt --> returned : return +意见
//	    paper_receipt --> withdrawn : withdraw by enterprise
//	    public_notice --> approved : conclude [period_elapsed]
//	    public_notice --> expert_panel : object +意见
//	    public_notice --> withdrawn : withdraw by enterprise
//	    returned --> district_review : resubmit
//	    returned --> withdrawn : withdraw
//	    approved --> [*]
//	    rejected --> [*]
//	    withdrawn --> [*]
//
// 天津市科技创新券申请 (tianjin-application), Mermaid:
//
//	stateDiagram-v2
//	    state "复审通过 · approved" as approved
//	    state "待区初审 · district_review · district_reviewer/district" as district_review
//	    state "未提交 · draft · enterprise/owner" as draft
//	    state "待专业机构复审 · professional_review · professional_reviewer/assigned" as professional_review
//	    state "不予支持 · rejected" as rejected
//	    state "退回修改 · returned · enterprise/owner" as returned
//	    state "已撤回 · withdrawn" as withdrawn
//	    [*] --> draft
//	    district_review --> professional_review : approve
//	    district_review --> rejected : reject +意见
//	    district_review --> returned : return +意见
//	    district_review --> withdrawn : withdraw by enterprise
//	    draft --> district_review : submit
//	    draft --> withdrawn : withdraw
//	    professional_review --> approved : approve
//	    professional_review --> rejected : reject +意见
//	    professional_review --> returned : return +意见
//	    professional_review --> withdrawn : withdraw by enterprise
//	    returned --> district_review : resubmit
//	    returned --> withdrawn : withdraw
//	    approved --> [*]
//	    rejected --> [*]
//	    withdrawn --> [*]
//
// 天津市科技创新券兑现 (tianjin-redemption), Mermaid:
//
//	stateDiagram-v2
//	    state "评审通过 · approved" as approved
//	    state "待区科技主管部门初审 · district_review · district_reviewer/district" as district_review
//	    state "未提交 · draft · enterprise/owner" as draft
//	    state "市级形式审查受理 · expert_review · expert/assigned" as expert_review
//	    state "待专业机构形式审查 · formal_review · professional_reviewer/assigned" as formal_review
//	    state "不予支持 · rejected" as rejected
//	    state "退回修改 · returned · enterprise/owner" as returned
//	    state "已撤回 · withdrawn" as withdrawn
//	    [*] --> draft
//	    district_review --> formal_review : approve
//	    district_review --> rejected : reject +意见
//	    district_review --> returned : return +意见
//	    district_review --> withdrawn : withdraw by enterprise
//	    draft --> district_review : submit
//	    draft --> withdrawn : withdraw
//	    expert_review --> approved : approve [amount_within_claim]
//	    expert_review --> rejected : reject +意见
//	    expert_review --> returned : return +意见
//	    expert_review --> withdrawn : withdraw by enterprise
//	    formal_review --> expert_review : approve
//	    formal_review --> rejected : reject +意见
//	    formal_review --> returned : return +意见
//	    formal_review --> withdrawn : withdraw by enterprise
//	    returned --> district_review : resubmit
//	    returned --> withdrawn : withdraw
//	    approved --> [*]
//	    rejected --> [*]
//	    withdrawn --> [*]
//
// # Purity
//
// Package review does no I/O, reads no clock and holds no mutable globals (the shipped
// definitions are embedded JSON, built afresh on every call). It imports only the cxq
// kernel and the standard library; it must never import voucher, a store, net/http or
// database/sql.
package review
