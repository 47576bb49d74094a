// Command subsidy computes a voucher amount under a shipped policy and prints it with its
// breakdown.
//
//	go run ./examples/subsidy -policy tianjin -contract 9099 [-used 20000] [-at 2026-01-01T00:00:00+08:00] [-json]
//
// -at is the time of the claim (RFC 3339); it defaults to the time the command starts,
// which decides the claim year. -used is what was already claimed this year or cycle; the
// re-claim rules of hebei and langfang also take -claims (claims so far, 0 or more; the
// default -1 means 1 when -used is above 0, else 0) and -spent (how much of -used was
// actually used). -request is an amount asked for; -enterprise and -provider are
// districts, for the beijing-changping tiers; -park and -central-soe give the provider's
// bonus.
//
// A refused input exits 1; with -json it prints {"error":{"code","message_zh","message_en"}}
// on stdout, and so does a bad flag (code "flag_invalid") or a -claims below -1 (code
// "claims_range"). Without -json a bad flag prints the usage text and exits 2.
//
// The command holds only flag handling and printing: the amount comes from
// [voucher.ApplicationAmount] and the amounts from the kernel. It reads the clock in main
// and nowhere else. It must never import a store (voucher/memstore, voucher/sqlstore),
// search or net/http: it computes and prints, nothing more.
package main
