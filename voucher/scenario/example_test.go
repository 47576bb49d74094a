package scenario_test

import (
	"context"
	"fmt"

	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/scenario"
)

func Example() {
	f, err := scenario.Parse("langfang.json", []byte(`{
 "name": "langfang: first claim at most 50,000",
 "policy": "langfang",
 "enterprises": [{"id": "E1", "district": "广阳区"}, {"id": "E2", "held": ["hebei"]}],
 "steps": [
  {"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "200000.00", "request": "60000.00"},
   "expect": {"refused": "first_claim_cap"}},
  {"at": "2026-03-01T11:00:00+08:00", "enterprise": "E1", "claim": {"contract": "200000.00"},
   "expect": {"amount": "50000.00"}},
  {"at": "2026-03-01T12:00:00+08:00", "enterprise": "E2", "claim": {"contract": "20000.00"},
   "expect": {"refused": "exclusive_policy"}}
 ]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := f.Run(context.Background(), memstore.New())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range res {
		fmt.Printf("step %d (line %d): ok=%v got %s\n", r.Step, r.Line, r.OK, r.Got)
	}
	// Output:
	// step 1 (line 6): ok=true got refused: first_claim_cap
	// step 2 (line 8): ok=true got 50000.00
	// step 3 (line 10): ok=true got refused: exclusive_policy
}

func ExampleParse_error() {
	_, err := scenario.Parse("typo.json", []byte(`{"policy": "tianjin",
 "enterprises": [{"id": "E1"}],
 "steps": [
  {"at": "2026-03-01T10:00:00+08:00", "enterprise": "E1", "claim": {"contract": "9099.00"},
   "expect": {"amount": "4549.50", "refused": "below_minimum"}}
 ]}`))
	fmt.Println(err)
	// Output:
	// typo.json:4: steps[0].expect: amount and refused exclude each other
}
