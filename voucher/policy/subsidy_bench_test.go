package policy_test

import (
	"testing"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// BenchmarkApplicationAmount is the full application computation with its breakdown
// (goal: under 2 µs per computation).
func BenchmarkApplicationAmount(b *testing.B) {
	p := policy.Tianjin()
	in := policy.ClaimInput{At: march, Contract: cxq.MustMoney("9099.00"), Usage: policy.Usage{Claims: 1, Claimed: cxq.Yuan(20000)}}
	benchLoop(b, func() error { _, _, err := policy.ApplicationAmount(p, in); return err })
}

// BenchmarkApplicationAmountTiered adds Changping's tier and bonus lookup.
func BenchmarkApplicationAmountTiered(b *testing.B) {
	p := policy.BeijingChangping()
	in := policy.ClaimInput{At: march, Contract: cxq.MustMoney("100000.00"),
		Enterprise: policy.Place{District: "海淀"}, Provider: policy.Place{District: "昌平", Park: "未来科学城", CentralSOE: true}}
	benchLoop(b, func() error { _, _, err := policy.ApplicationAmount(p, in); return err })
}

// BenchmarkRedemptionAmount is the redemption computation with its breakdown.
func BenchmarkRedemptionAmount(b *testing.B) {
	p := policy.Tianjin()
	in := policy.RedemptionInput{At: march, Approved: cxq.MustMoney("4549.50"),
		Invoices:  []cxq.Money{cxq.Yuan(5000), cxq.Yuan(4099)},
		Contracts: []cxq.Money{cxq.Yuan(9099)}, Available: cxq.Yuan(100000)}
	benchLoop(b, func() error { _, _, err := policy.RedemptionAmount(p, in); return err })
}

// benchLoop reports allocations and runs op once per iteration, failing on its first error.
func benchLoop(b *testing.B, op func() error) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		if err := op(); err != nil {
			b.Fatal(err)
		}
	}
}
