// Package scenario runs lifecycle scenario files: a policy, some enterprises and the
// steps they take — claims, redemptions, deadline runs — each with what it must give,
// checked through a real voucher.Service over the Store the caller gives (memstore.New()
// for a quick run; the package imports no driver). It is for users' own test suites and
// for the command
// examples/policycheck; cxq ships a file for every golden case of its policies under
// testdata/scenarios, and voucher/storetest runs them on every driver.
//
// # Format
//
//	{"name": "hebei: re-claim once more than half is used",
//	 "policy": "hebei",
//	 "enterprises": [{"id": "E1", "district": "石家庄", "held": []}],
//	 "steps": [
//	  {"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "80000.00"},
//	   "expect": {"amount": "30000.00"}},
//	  {"at": "2026-04-01T10:00:00+08:00", "enterprise": "E1", "redeem": {"claim": 1, "amount": "15001.00"},
//	   "expect": {"amount": "15001.00"}},
//	  {"at": "2026-04-02T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "200000.00"},
//	   "expect": {"amount": "70000.00"}},
//	  {"at": "2026-09-10T10:00:00+08:00", "deadlines": true, "expect": {"revoked": [1, 2]}}
//	 ]}
//
// policy is a preset ID (tianjin, hebei, langfang, beijing-changping) or the path of a
// policy JSON file (policy.Parse), relative to the scenario file. policy_changes, when
// given, sets fields of that policy's JSON over it before the run, e.g.
// {"evaluation_required": true}; an unknown field or a policy that no longer validates
// is a *LoadError of the run.
//
// An enterprise defaults to an eligible certified 科技型中小企业 in the policy's area: 10
// staff, revenue and registered capital of 1000000.00 in every year, certified until
// 2100. Optional fields: district (defaults to the area's district, else 市辖区; written
// as people write it, 昌平 or 北京市昌平区), region (defaults to the area's), held (policy
// IDs of vouchers it holds elsewhere, e.g. ["hebei"]), staff, revenue, capital,
// certified_until (a date, or "none" for an enterprise that is not certified) and
// controller (its actual controller, 实际控制人, whom a sanction step may name).
//
// Each step happens at at (RFC 3339) and is exactly one of:
//
//   - claim: the enterprise orders a new product of a new provider, the provider confirms
//     the order, and the enterprise saves and submits an application with the estimated
//     contract amount contract, which is then approved at every review stage. Optional:
//     request (the amount asked for; default the most the rules allow),
//     provider_district, provider_region (default the area's), park, central_soe,
//     service_kind (one of the catalog.Service… constants: statutory_testing for
//     statutory or mandatory testing, ip_fees, rent, utilities) and related_party (the
//     enterprise is affiliated with the provider).
//   - redeem: amount is redeemed against the enterprise's claim-th claim (1-based,
//     counting its claim steps, refused ones included) by whoever the policy says
//     redeems (the provider of the order under provider redemption), with one invoice
//     and one contract for the claim's contract amount, filed on filed (a date; default
//     the claim's time), and approved at every stage with the expert setting amount. A
//     redemption refused at submission is withdrawn, so the voucher may be redeemed
//     again. Under a policy with a public notice (公示, policy.Notice) the redemption
//     is then published alone and its notice closed at the period's end with nobody
//     objecting (the clock set there and back), so that amount is what was paid; with
//     "notice": "wait" it stops at 评审通过, its payout awaiting the notice.
//   - deadlines: the programme office applies the deadline rules as of at.
//   - budget: the programme office sets the year's budget (a policy.Budget: year, total,
//     pools, batches), replacing the one in force; claims then reserve on it first come
//     first served and are refused with pool_exhausted or batch_closed.
//   - extend: the programme office extends the voucher of the enterprise's claim-th
//     claim once, with reason ({"claim": 1, "reason": "…"}); refused with no_extension,
//     already_extended or not_extendable.
//   - deliver: the provider of the enterprise's claim-th claim records the delivery of
//     its order on at, with one result file.
//   - evaluate: the enterprise evaluates the service of its claim-th claim's order by
//     the programme's rubric (the Nanjing-style default): scores gives points by item
//     code (response, attitude, competence, quality, timeliness, price, communication,
//     satisfaction); an item not named gets its maximum.
//   - sample: the programme office draws the spot check (抽查) of period (e.g. "2026H1"
//     under a policy whose spot-check rule has half years) from seed, at share ("20%";
//     default the policy's minimum); it needs no enterprise.
//   - finding: the office assigns an inspector to the spot-checked redemption of the
//     enterprise's claim-th claim — one who reviewed nothing, or with inspector
//     "reviewer" the case's professional reviewer, whom a conflict of interest bars —
//     who records result (passed, failed), text and clawback (an amount to take back of
//     what was paid).
//   - return: the enterprise returns (退券) the voucher of its claim-th claim, for reason
//     (default 项目取消); expect amount is what the return releases (at once, or once the
//     office approves under a policy whose returns are reviewed); a voucher that cannot
//     be returned is refused with return_used, return_ended, return_pending,
//     return_too_late or return_not_issued.
//   - decide_return: the programme office approves (approve: true) or refuses, with note,
//     the return awaiting it of the enterprise's claim-th claim; expect amount is what
//     an approval releases; none awaiting is refused with conflict.
//   - sanction: the programme office freezes or blacklists (kind: freeze, blacklist) a
//     party (party: enterprise, the default; provider; controller, an enterprise's
//     controller field) named by id (default the step's enterprise) from at until until
//     (a date, the first day it no longer applies; required for a freeze), on basis;
//     the party's claims are then refused with sanctioned.
//   - lift: the programme office lifts every sanction in place on the party (party and
//     id as for sanction), for reason; none in place is refused with conflict.
//   - publish: {"redemptions": [1, 2]}: the programme office publishes redemptions that
//     passed review (numbered in the order they did, 1-based) as one list.
//   - object: {"publication": 1, "entry": 2}: someone not signed in objects to an entry
//     of the file's publication-th list (numbered by its publish steps); text optional.
//   - close_notice: {"publication": 1}: the office closes the list; expect held lists
//     the entries held for objections ([] for none), the others are paid.
//
// expect holds amount (the approved voucher amount of a claim, the amount a redemption
// paid), grade (the grade an evaluation earned, A to D), or refused (a reason code that
// must be among the refusal's reasons: first_claim_cap, reclaim_usage, over_quota,
// quota_exhausted, pool_exhausted, batch_closed, claim_banned,
// exclusive_policy, excluded_service, below_minimum, related_party, place_unknown,
// redemption_deadline, too_many_staff, evaluation_required, not_delivered,
// already_delivered, already_evaluated, …, or conflict / forbidden for a refusal without
// a reason code), or revoked (the claims a deadlines step revoked, in full or in part:
// numbered as the enterprise's claims when the step names an enterprise, else across
// the file in order), or drawn (the claims whose redemptions a sample step drew,
// numbered across the file). A finding's amount is what its application has had clawed
// back in all; its refusals include conflict_of_interest, clawback_above_paid and
// finding_recorded, a sample's period_open, share_below_minimum and already_drawn. An
// empty expect only requires the step to succeed.
// the file in order), or held (the entries a close_notice step held). The notice's
// refusals are not_noticeable, notice_entry, notice_open and notice_closed. An empty
// expect only requires the step to succeed.
//
// Steps may go back in time (to follow a second enterprise from the start); the
// Service's clock is set to each step's at and moves a microsecond per reading.
//
// The Service runs the tianjin review workflows for every policy: the rules under test
// are the policy's; a workflow's own stages are tested in package review.
//
// # Errors
//
// [ReadFile] and [Parse] refuse a file that is not well formed — unknown fields
// included, so that a misspelt field cannot leave an input at its default — with a
// *[LoadError] naming the file, the line and the field. [File.Run] returns one [Result]
// per step; a failed step is a Result with OK false, never an error.
package scenario
