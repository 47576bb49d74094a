package labgen_test

import (
	"fmt"

	"github.com/cxqkit/cxq/internal/labgen"
)

func ExampleGenerate() {
	labs := labgen.Generate(100_000, 1)
	fmt.Println(len(labs), labs[0].ID, labs[len(labs)-1].ID, labs[0].Source)
	fmt.Println(labs[0].Region, labs[0].Kind)
	// Output:
	// 100000 syn-000001 syn-100000 synthetic
	// 北京 国家级重点实验室
}
