package policy_test

import (
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// Under langfang a voucher used below 30% at expiry bars a claim the next year; returned
// unused before then, it does not. A policy may instead make returns cost the next year.
func ExampleReturnOutcome() {
	issued := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	c := policy.ReturnCase{Use: policy.VoucherUse{Issued: issued, Amount: cxq.MustMoney("10000.00"), At: issued.AddDate(0, 2, 0)},
		Issued: true, Held: cxq.MustMoney("10000.00")}
	e, refused := policy.ReturnOutcome(policy.Langfang(), c)
	fmt.Println(e.Released, len(refused), e.Effect.Text().ZH)

	p := policy.Langfang()
	p.Usage.Return = policy.ReturnRules{Review: true, Ban: policy.NextYear}
	e, _ = policy.ReturnOutcome(p, c)
	fmt.Println(e.Review, e.Ban.Year, e.Effect.Text().ZH)

	c.Use.At = issued.AddDate(1, 0, 0)
	_, refused = policy.ReturnOutcome(p, c)
	fmt.Println(refused[0].Text().ZH)
	// Output:
	// 10000.00 0 在使用期限前退券不计为未使用，不影响今后申请创新券
	// true 2027 退券后 2027 年不得申请创新券
	// 已过使用期限 2027-03-01，创新券按规定收回，不能退券
}

// A freeze applies from its first instant up to (not including) Until; a lifted
// sanction no longer applies from the moment it was lifted.
func ExampleSanction_InForce() {
	s := policy.Sanction{Party: policy.PartyProvider, PartyID: "V1", Kind: policy.Freeze, Basis: "服务质量问题",
		From: time.Date(2026, 3, 1, 0, 0, 0, 0, cxq.China()), Until: time.Date(2026, 6, 1, 0, 0, 0, 0, cxq.China())}
	fmt.Println(s.InForce(time.Date(2026, 5, 31, 23, 0, 0, 0, cxq.China())), s.InForce(s.Until))
	fmt.Println(s.Reason().Text().ZH)
	// Output:
	// true false
	// 服务机构已被冻结（2026-03-01 至 2026-05-31，依据：服务质量问题），不得申报或兑现创新券
}
