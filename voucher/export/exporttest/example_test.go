package exporttest_test

import (
	"fmt"

	"github.com/cxqkit/cxq/voucher/export/exporttest"
)

// Squeeze compares a form's words wherever its layout broke a line.
func ExampleSqueeze() {
	fmt.Println(exporttest.Squeeze("科技创新券\n申请表 第 1 页"))
	// Output: 科技创新券申请表第1页
}
