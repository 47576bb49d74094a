// Package policytest runs tables of golden subsidy cases against a policy.Registry, for
// cxq's own tests and for users who ship their own policy files.
//
// A table is CSV (a header row naming the columns, in any order) or JSON (an array of
// objects with the same keys, every value a string). Each row is one case:
//
//	op        apply (default), redeem, usage or year
//	policy    the policy ID; version optionally picks a version
//	name      a label for reports
//	at        the time of the claim, RFC 3339 (default 2026-03-01T10:00:00+08:00)
//	apply:    contract, requested, claims, claimed, used, enterprise_district,
//	          provider_district, provider_park, provider_central_soe (true/false)
//	redeem:   approved, invoices (total), contracts (effective total), available, filed
//	usage:    amount (face value), used, issued
//	expect    the amount ("4549.50"), "error:<code>" for a refusal, the year for op
//	          year, or "revoked=<amount>;ban=<year|none>" for op usage
//	own       optionally, the own contribution an apply case must show
//	note      free text, ignored
//
// Any other column fails the case, so a misspelt column cannot leave an input at zero.
//
// [Run] reports each failing row by file and line; [Check] returns the failures.
//
// This package imports testing only through the small [TB] interface and does no I/O
// beyond reading the table it is given. It imports the kernel and voucher/policy, and must
// never import testing, a store driver or net/http, so a command can check a policy
// file too.
package policytest
