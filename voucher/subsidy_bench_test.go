package voucher_test

import (
	"testing"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

// BenchmarkApplicationAmount is the full application computation with its breakdown
// (goal: under 2 µs per computation).
func BenchmarkApplicationAmount(b *testing.B) {
	p := voucher.Tianjin()
	in := voucher.ClaimInput{At: march, Contract: cxq.MustMoney("9099.00"), Usage: voucher.Usage{Claims: 1, Claimed: cxq.Yuan(20000)}}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := voucher.ApplicationAmount(p, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApplicationAmountTiered adds Changping's tier and bonus lookup.
func BenchmarkApplicationAmountTiered(b *testing.B) {
	p := voucher.BeijingChangping()
	in := voucher.ClaimInput{At: march, Contract: cxq.MustMoney("100000.00"),
		Enterprise: voucher.Place{District: "海淀"}, Provider: voucher.Place{District: "昌平", Park: "未来科学城", CentralSOE: true}}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := voucher.ApplicationAmount(p, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRedemptionAmount is the redemption computation with its breakdown.
func BenchmarkRedemptionAmount(b *testing.B) {
	p := voucher.Tianjin()
	in := voucher.RedemptionInput{At: march, Approved: cxq.MustMoney("4549.50"),
		Invoices:  []voucher.Invoice{{Amount: cxq.Yuan(5000)}, {Amount: cxq.Yuan(4099)}},
		Contracts: []voucher.Contract{{EffectiveAmount: cxq.Yuan(9099)}}, Available: cxq.Yuan(100000)}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := voucher.RedemptionAmount(p, in); err != nil {
			b.Fatal(err)
		}
	}
}
