package sheets_test

import (
	"fmt"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog/sheets"
)

func ExampleReadLabs() {
	// An official list as Excel exports it: Chinese headers in any order, an extra column.
	const list = `序号,地区,实验室名称,法人单位,联系人,联系电话,类型,备注
1,天津,内燃机燃烧学国家重点实验室,天津大学,李静,022-27401774,国家重点实验室,
2,河北,道路与铁道工程安全保障,石家庄铁道大学,卜建清,1893186251,省部级重点实验室,
`
	_, _, err := sheets.ReadLabs(strings.NewReader(list), sheets.CSV, nil)
	fmt.Println(err)

	labs, warnings, _ := sheets.ReadLabs(strings.NewReader(list), sheets.CSV, &sheets.ReadOptions{Lenient: true})
	for _, l := range labs {
		fmt.Println(l.ID, l.Region, l.Name, l.Kind, l.Source)
	}
	for _, w := range warnings {
		fmt.Println(w.Message(cxq.ZH))
	}
	// Output:
	// catalog: 1 problem(s) in list; row 3, column 联系电话: not a valid phone number: 1893186251
	// 1 天津 内燃机燃烧学国家重点实验室 国家级重点实验室 official
	// 第 3 行“联系电话”：电话号码格式不正确：1893186251
}
