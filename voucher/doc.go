// Package voucher holds the records and the lifecycle of a science-and-technology
// innovation voucher programme (科技创新券): orders, applications and redemptions with
// their forms, quotas, and the [Service] that carries an order through application,
// review and redemption on a [Store], with authorization, idempotency keys and a
// hash-chained audit trail. The rules it applies (policies, amounts, eligibility,
// deadlines) live in package voucher/policy.
//
// # Records
//
// An [Application] (科技创新券申请表) and a [Redemption] (创新券兑现申请) both embed one
// [Record]: ID, owner, order and product, the policy they are judged under, the review
// case and its assignments, version, times and the head of the record's audit chain.
// Every use case they share (read, own, save, review, withdraw, assign, list) is written
// once, over that core; each kind's own use cases live in its file (application.go,
// redemption.go). [ApplicationForm] and [RedemptionForm] hold the fields of the manual's
// forms; their Validate methods report every problem at once as a *cxq.ValidationError.
// [AttachmentRef] names an uploaded file; package voucher/attachment produces them, and
// package voucher/export prints the forms as PDF.
//
// # Lifecycle service
//
// [Quota] is an enterprise's allowance per policy and period (a year or a cycle; see
// below), charged when an application is submitted and settled when its redemption is
// decided. [New] builds a
// [Service] from a [Config]: the [Store], the clock (Config.Now), the [Programme] it runs
// (a policy registry, the programme's policy and the two review workflows;
// [ShippedProgramme] for a preset), the [Catalog] of products ([CatalogOf]), the
// [Enterprises] ([EnterprisesOf]) and the [IDs] that name new records ([RandomIDs], or a
// [Sequence] for reproducible demos). Each method of Service is one use case (PlaceOrder,
// SubmitApplication, ReviewApplication, StartRedemption, AddInvoice, SubmitRedemption,
// ReviewRedemption, ApplyDeadlines, Audit, ...), taking one params struct that carries
// the idempotency key and the version the caller last read; it is safe for concurrent
// use, and many Services, in many processes, may share one Store.
//
// # Delivery and evaluation
//
// The provider confirms an order or declines it with a reason the enterprise is shown
// (ConfirmOrderParams.Reason, kept as Order.DeclineReason). Once it has delivered the
// service it records the [Delivery] once ([Service.RecordDelivery]): the day, what was
// delivered and result files it uploaded into SlotServiceProof, checked like a form's
// files. The enterprise then evaluates the service once ([Service.EvaluateOrder]) by the
// programme's rubric (Programme.Rubric, policy.NanjingRubric by default): the
// [Evaluation] keeps every score with the item's label and maximum, the total, the grade
// and the rubric's version, and never changes; a second evaluation, also one racing the
// first, is an *[OrderStateError] with CodeAlreadyEvaluated. A policy with
// EvaluationRequired refuses a redemption's submission until the evaluation is given
// (policy.CodeEvaluationMissing). A decline and a delivery are told to the enterprise, an
// evaluation to the provider, in notices. [Service.ProviderRating] adds a provider's
// evaluations up for its products' pages. Delivery and evaluation live on the order
// (its stored JSON), so they need no table of their own, and change no order status:
// the rules that read Status (a voucher needs a confirmed order) are unchanged.
//
// # Quotas, cycles and split use
//
// A [Quota] is an enterprise's allowance under one policy in one period ([QuotaKey]):
// the claim year, or under a policy with cycles (hebei: Period "cycle", CycleMonths 12)
// the cycle that starts on the day of the cycle's first claim and lasts at most
// CycleMonths months, across New Year; a claim after the cycle ended starts a new one
// (policy.Policy.QuotaPeriod). A cycle's key is its start day as YYYYMMDD, a year's key
// the year, so bans — always on a calendar year ("no new claim that year") — are kept
// under the year's key and read with the cycle's usage. The cap, the first-claim cap
// and the re-claim rule count within the period.
//
// What the application holds and what the quota holds stay equal: the quota's Reserved
// is the sum of its applications' Reserved, its Consumed the sum of their Paid.
// Submitting a claim reserves its amount (Application.Reserved = Amount); rejection,
// withdrawal and a resubmission release it; a redemption that passes review (评审通过)
// consumes what it paid. Without split use (tianjin) that first redemption settles the
// voucher: what it did not pay goes back to the quota and the application holds nothing.
// Under split use (policy.SplitUse: hebei, langfang) only the amount paid is consumed
// (Paid grows, Reserved shrinks by it), the rest stays reserved for the next redemption —
// one live at a time: a redemption that passed review is freed (Record.Freed) so the
// next may start — until it is used, or the deadline rules revoke it (released to the
// pool, recorded on the application with the reason and any ban). Claimed, as the
// re-claim rule reads it, is Reserved + Consumed: what was claimed counts against the
// period even when only part of it is used; Used is Consumed.
//
// The Service also applies: the requested amount of the form (ApplicationForm.Requested,
// refused with the rule it breaks), the vouchers the enterprise holds elsewhere
// (policy.Enterprise.Held, against Policy.Exclusive), the product's service kind
// (catalog.Product.ServiceKind, against Policy.Excluded), places as people write them,
// refusing a place a tiered policy cannot classify (policy.CodePlaceUnknown), the
// redemption deadline counted from the contract's filing date (Contract.Filed, required
// under such a policy), and who redeems ([policy.Policy.Redeemer]): under provider
// redemption the order's provider starts, fills in, submits and withdraws the
// redemption and sees it, and the enterprise gets a *[DeniedError]; otherwise the
// opposite. Providers never review.
//
// # Budgets, batches and extensions
//
// The programme office sets a year's budget ([Service.SetBudget], a policy.Budget: a
// total, pools by district, batch and tier, batch windows, a waiting list). A submission
// then reserves its amount on the total and on every pool it matches, first come first
// served and atomically with every concurrent one (each pool is a quota row, [PoolKey]),
// or is refused with policy.CodePoolExhausted naming the pool and what is left, or
// policy.CodeBatchClosed outside every window. Every later movement of what the
// application holds — a rejection, a withdrawal, an expiry, a lower redeemed amount, a
// clawback — moves its pools with its quota (holding.go), so money goes back exactly
// once. Under a waiting list ([Service.JoinWaitingList]) money that comes back goes to
// the claims ahead first. A policy that carries over (policy.Policy.CarryOver) adds what
// the year before left to the next year's first budget, and one whose
// Usage.ExtensionMonths is set lets the office extend a voucher once
// ([Service.ExtendVoucher]). Budgets and waiting lists are [Doc] records, audited like
// every other.
//
// # Public notice (公示)
//
// Under a policy with notice days (policy.Notice: hebei, langfang, beijing-changping, 7
// days) a redemption that passes review is not paid at once: its [Payout] waits
// ("awaiting_notice", [Service.AwaitingNotice]) until the programme office publishes it
// on a list ([Service.Publish]: a [Publication] under one policy version, from now for
// the notice days in China Standard Time, with only the policy's public columns —
// enterprise, project, provider, amount, never a phone, a contact or an ID — and the
// SHA-256 of its canonical encoding, [Publication.ListHash], kept in the list and in the
// trail's "publish" entry). Anyone, signed in or not, may lodge an [Objection] against
// an entry during the period ([Service.Object]; after it: code notice_closed); closing
// the list after the period ([Service.CloseNotice]; before: notice_open) pays, as a
// redemption without a notice is paid at 评审通过, every entry nobody objected to, and
// holds the others ("objected"). The shipped redemption workflow ends at 评审通过, so a
// held case does not go back to a review stage: the office decides it
// ([Service.DecideHeld]) — paid, or not paid with an opinion, its voucher free again. An
// objection and the close both change the entry's redemption, compare-and-set, so one
// racing the other is either counted (the entry held) or refused, never lost. Under a
// policy without a notice nothing of this applies and payout stays at 评审通过.
//
// # Stores
//
// [Store] is the persistence contract: [Store.Update] runs a function in one serialisable
// transaction over a [Tx], whose methods keep the uniqueness, compare-and-set and quota
// rules; applications and redemptions are reached through one [Records] table interface
// each ([Tx].Applications, [Tx].Redemptions); audit entries are append-only. The drivers are
// [github.com/cxqkit/cxq/voucher/memstore] (in memory, the reference behaviour) and
// [github.com/cxqkit/cxq/voucher/sqlstore] (SQLite through modernc.org/sqlite, and
// PostgreSQL through pgx). [github.com/cxqkit/cxq/voucher/storetest] is the conformance
// suite every driver passes: the Store contract, the whole lifecycle under concurrency,
// injected faults and a state-machine model.
//
// # Notices
//
// The Service writes a [Notice] to the Store's outbox in the transaction of the change
// that causes it: a status change, a return for revision with the reviewer's opinion,
// an approval with the voucher's amount, a payout with the actual amount, an expiry with
// its reasons, all to the enterprise ([OrgAddress]); a record reaching a stage whose
// reviewer is assigned, or a reviewer assigned to the current stage, to that person
// ([PersonAddress]). It also keeps each record's reminders in step with its deadlines
// (the first use and the end of validity of policy.Policy.UsageDeadlines, and the
// redemption deadline after the contract's filing), Config.ReminderDays before each: a
// deadline that moves (a contract filed on another day) replaces them, and a reason that
// goes away (the voucher used, the redemption submitted, the voucher expired) cancels
// them. The opening of a budget's batch window sends no reminder. Package voucher/notify delivers the outbox; the site inbox
// (站内消息) is read with [Service.Messages] and [Service.ReadMessage].
//
// Expiries and reminders happen when [Service.ApplyDeadlines] runs: a live programme runs
// [Service.RunDeadlines] beside its server (examples/portal does, every minute), or
// calls ApplyDeadlines from its own scheduler.
//
// # Spot checks and clawbacks
//
// Under a policy with a spot-check rule (policy.SpotCheckRule: langfang, changping) the
// programme office draws, once per policy and period and only after the period ended,
// a [SpotCheck] of the redemptions paid in it ([Service.DrawSpotCheck]): at least the
// rule's share of each stratum, from a seed it records so anyone can repeat the draw
// (policy.DrawSample). It assigns each drawn case an inspector without a conflict of
// interest — not of the enterprise or the provider, not a reviewer of the case
// ([Service.AssignInspector], [CodeConflictOfInterest]) — who records the finding once
// ([Service.RecordFinding]); a failed one may claw back up to what the case paid, taken
// off the application's Paid into Reclaimed and out of its quota and budget pool in the
// same transaction, audited, exactly once. The enterprise is told (NoticeSpotCheck) and
// reads the findings on its application ([Service.Findings]).
//
// # Authorization
//
// Every call names its [Actor] (ID, [Role], organisation, district), as the portal
// authenticated them, and is checked inside the transaction that makes the change. An
// enterprise sees and acts on its own records only; a provider confirms orders for its own
// products; a district reviewer sees its district's records; professional reviewers and
// experts see what the programme office assigned them (AssignApplication,
// AssignRedemption); the office sees everything. A record outside the actor's scope
// answers like a missing one; a visible record the actor may not act on is a
// *[DeniedError]. Denials are logged to Config.Logger.
//
// # Idempotency keys
//
// Every mutating method's params carry an idempotency key (Key, "" for none, at most
// [MaxKeyLen] bytes). The same key from the
// same actor with the same input returns the first result and has one effect, also when
// the reply was lost or two retries race; the outcome is kept as an [Idempotency] record
// in the transaction of the change. The same key with another input is a
// *cxq.FieldError with code [CodeKeyReused].
//
// # Errors
//
// Errors match the kernel sentinels with errors.Is: cxq.ErrNotFound (missing, or out of
// the actor's scope); cxq.ErrForbidden (*[DeniedError], *review.ForbiddenError,
// *[IneligibleError] with every [Reason]); cxq.ErrInvalid (*cxq.ValidationError,
// *cxq.FieldError, a bad [Config]; a decision naming no action of the workflow is one on
// "action" with [CodeUnknownAction]); cxq.ErrConflict (a stale version, a uniqueness rule,
// *review.TransitionError, *[OrderStateError] and *[VoucherStateError] when the state of
// the order or voucher refuses the change, and [ErrQuotaExhausted] / *[QuotaError] when the
// annual quota cannot hold a claim). [Service.VerifyAudit] returns errors matching [cxq.ErrTampered],
// with a *[cxq.TamperError] naming the first entry that fails.
//
// # How to
//
// Open a store, wire a service, act as an enterprise:
//
//	st, err := sqlstore.Open(ctx, "cxq.db", nil) // or memstore.New()
//	prog, err := voucher.ShippedProgramme(policy.PresetTianjin)
//	svc, err := voucher.New(voucher.Config{
//		Store: st, Now: time.Now, Programme: prog,
//		Catalog: voucher.CatalogOf(products, providers), Enterprises: voucher.EnterprisesOf(ent),
//		People:  voucher.PeopleOf(reviewers...),                  // whom the office may assign
//		Audit:   voucher.AuditKeys{MAC: macKey, Signer: signer},   // kept outside the database
//	})
//	me := voucher.Actor{ID: "zhangsan", Role: voucher.RoleEnterprise, Org: ent.ID}
//	o, err := svc.PlaceOrder(ctx, me, voucher.PlaceOrder{Key: "order-1", ProductID: products[0].ID, Client: client})
//	up, err := svc.RecordUpload(ctx, me, voucher.RecordUploadParams{ID: checked.ID, Slot: voucher.SlotOrgCertificate,
//		Name: checked.Name, SHA256: checked.SHA256, Size: checked.Size}) // after voucher/attachment accepted it
//	form.OrgCertificate = up.Ref()
//	app, err := svc.SaveApplication(ctx, me, voucher.ApplicationDraft{Key: "draft-1", OrderID: o.ID, Form: form})
//	app, err = svc.SubmitApplication(ctx, me, voucher.SubmitParams{Key: "submit-1", ID: app.ID, Version: app.Version})
//
// then review as the district, the professional body and the office, redeem with
// invoices and contracts, publish [Service.Checkpoint]s and check the trail against them
// with [Service.VerifyAudit]. Show a person [Explain] of any error, never its text. The command
// examples/lifecycle walks the whole path; examples/portal serves it over HTTP.
//
// # Returns and sanctions
//
// An enterprise returns (退券) an approved voucher it will not use with
// [Service.RequestReturn], after [Service.PreviewReturn] has shown it what the return
// does: the amount released, whether the programme office must approve it, and its
// effect on later claims — all of which the policy's [policy.ReturnRules] decide (see
// [policy.ReturnOutcome]: by default a return before the usage deadlines escapes the bans
// those rules bring at expiry). Under review the office decides with
// [Service.DecideReturn]; once it takes effect the money goes back to the quota and the
// budget pool exactly once, the application ends outside review ([EndedReturned]) and
// the enterprise is told. [Service.Returns] lists them. A returned or expired voucher
// keeps the review state it ended in, but reads everywhere — the lists, the API, the
// printed form, its verification and the figures — by its [Application.Standing]
// (已退券, 已失效, 退券待审核): a list's 状态 filter ([Query.Status], one of
// [Service.ApplicationStandings]) lists it under its standing, not under 复审通过. The
// figures count as granted only what a voucher
// still holds or was paid, so money released and granted again is never counted twice.
//
// The office freezes or blacklists an enterprise, a provider or an enterprise's actual
// controller (policy.Enterprise.Controller) for a period on a legal basis with
// [Service.Sanction], and lifts it with [Service.LiftSanction]; [Service.Sanctions] lists
// them (a party sees its own). While one is in force ([policy.Sanction.InForce] at the
// Service's clock) the party's orders, applications and redemptions are refused with an
// [IneligibleError] whose reason, policy.CodeSanctioned, names the period and the basis.
// Both are [Doc] records, audited like every other.
//
// # Statistics
//
// [Service.Statistics] computes the figures of package voucher/stats from the records
// the actor may see, read page by page in one read-only transaction with the quotas
// they charge: the office sees every record, a district reviewer its district's,
// professional reviewers and experts what is assigned to them, a provider the records of
// its own products, an enterprise no figures. [Service.StatisticsRecords] lists the
// records behind one figure. [Service.EachApplication] and [Service.EachRedemption] pass
// a whole list to an export a page at a time, each page in its own read-only
// transaction; [SeesPersonal] decides whether an export shows a record's personal data.
//
// # Purity
//
// The records and forms do no I/O; the rules of voucher/policy read no clock and hold no
// state. The Service reads time only through Config.Now and reaches storage only through
// the Store. This package imports only the kernel, catalog, review, voucher/policy,
// voucher/stats and internal/chain (and the standard library); it must never import database/sql,
// net/http, a store driver, voucher/attachment or voucher/export.
package voucher
