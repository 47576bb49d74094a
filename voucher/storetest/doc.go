// Package storetest is the conformance suite of [voucher.Store]. Every driver runs it
// with a few lines:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t testing.TB) voucher.Store { return memstore.New() })
//	}
//
// [Run] checks the Store contract directly ([RunStore]: records, compare-and-set,
// uniqueness under concurrency, the quota invariant under 16×8 concurrent charges,
// idempotency records, the append-only audit trail, rollback), the whole lifecycle
// through a [voucher.Service] built on the Store ([RunService]: 16×8 concurrent
// submissions granting exactly 10, 32 concurrent redemptions giving one, two reviewers
// at once, idempotency keys, authorization), faults injected before and after commit
// ([RunFaults], with the [Faulty] wrapper, and a store failure that must never read as
// not found), the rules of every shipped preset and their scenario files ([RunRules],
// with the spot checks under [SpotCheckPolicy]: racing draws of one period, conflicts of
// interest, racing findings that claw back once), and
// a rapid state-machine model ([RunModel]), and the outbox and inboxes ([RunNotices]: the
// Tx contract of notices and messages, the notices of a lifecycle, delivery through a
// voucher/notify Worker under a failing Notifier and a failing mark, and [RunYear], a
// year of a programme simulated day by day on a settable clock). [RunTamper] takes a driver's [Tamperer] and
// checks that VerifyAudit detects edits, deletions and re-chaining made directly in the
// storage. [RunDelivery] checks the provider's decline with a reason, the delivery and the
// enterprise's one evaluation (16 concurrent evaluations of one order: exactly one wins,
// the rest are told it is evaluated already), the policy that requires the evaluation
// before a redemption, and the provider's rating. [Benchmark] measures submitted-and-approved applications per second.
// New behaviour lands here first.
//
// It imports testing, the kernel, catalog, review, voucher, voucher/policy and voucher/notify, and must never import a
// driver (the caller hands its Store in) or net/http; it must never be imported by
// non-test code.
package storetest
