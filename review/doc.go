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
// 评审通过).
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
// [CanonicalBytes], documented so that a store can recompute it. [Verify] finds an edited,
// removed or reordered entry; [VerifyCase] also checks the history against the case.
//
// # Purity
//
// Package review does no I/O, reads no clock and holds no mutable globals (the shipped
// definitions are embedded JSON, built afresh on every call). It imports only the cxq
// kernel and the standard library; it must never import voucher, a store, net/http or
// database/sql.
package review
