// Package stats computes the statistics of a voucher programme (科技创新券统计): counts
// and amounts of applications and redemptions by status, district, month (China
// Standard Time), policy (the voucher type), provider and cross-region flow (京津冀:
// the enterprise's region × the provider's), refusal reasons by code, the time from
// first submission to final approval (median and p90), and the budget the quotas hold
// against what was claimed, granted and redeemed.
//
// # Figures
//
// [Build] takes the records an actor may see, flattened to [Fact]s by the caller
// (voucher.Service.Statistics scopes and reads them), and the quota rows they charge,
// and returns a [Report]. All amounts are cxq.Money in integer fen; nothing is
// rounded, so the figures are exact to the fen. Every [Row] carries a [Drill] naming the
// records behind it, and [Select] lists them: a figure always leads to its records.
//
// # Reconciliation
//
// [Report.Check] verifies what the figures promise: in every table the rows add up to
// the total, computed separately from the records; every table of one kind has the same
// total; the budget rows add up to the budget total, which equals the applications'
// total. voucher/storetest checks, on every driver, that the redeemed total equals the
// quota ledger's paid movements after a random lifecycle.
//
// # Budget
//
// The budget is the sum of the caps of the quotas the applications charge: each
// enterprise's allowance under a policy in a year or cycle. The programme has no pooled
// budget (资金池) yet; when it has, the pool belongs in [BudgetRow].
//
// # Purity
//
// The package does no I/O, reads no clock and holds no state. It imports only the
// kernel and review (and the standard library).
package stats
