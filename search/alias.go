package search

// DefaultAliases returns the abbreviations of common institutions that no analyzer can
// find: 天大 is 天津大学, though "天大" as text also occurs in 北京航天大学. A query part
// equal to a key also finds records whose text contains one of its expansions.
func DefaultAliases() map[string][]string {
	return map[string][]string{
		"天大": {"天津大学"}, "南大": {"南开大学", "南京大学"}, "北航": {"北京航空航天大学"},
		"北大": {"北京大学"}, "清华": {"清华大学"}, "北理工": {"北京理工大学"},
		"北理": {"北京理工大学"}, "北工大": {"北京工业大学"}, "北交大": {"北京交通大学"},
		"北科大": {"北京科技大学"}, "北化": {"北京化工大学"}, "北邮": {"北京邮电大学"},
		"北师大": {"北京师范大学"}, "人大": {"中国人民大学"}, "农大": {"中国农业大学"},
		"中科院": {"中国科学院"}, "社科院": {"中国社会科学院"}, "医科院": {"中国医学科学院"},
		"天工大": {"天津工业大学"}, "天科大": {"天津科技大学"}, "天师大": {"天津师范大学"},
		"天理工": {"天津理工大学"}, "天医大": {"天津医科大学"}, "天中医": {"天津中医药大学"},
		"河工大": {"河北工业大学"}, "河北大": {"河北大学"}, "燕大": {"燕山大学"},
		"河北农大": {"河北农业大学"}, "河北医大": {"河北医科大学"}, "华电": {"华北电力大学"},
		"石大": {"中国石油大学"}, "地大": {"中国地质大学"}, "矿大": {"中国矿业大学"},
		"中石化": {"中国石油化工"}, "中石油": {"中国石油天然气"}, "中航": {"中国航空"},
		"航天科工": {"中国航天科工"}, "中电科": {"中国电子科技集团"}, "国网": {"国家电网"},
	}
}

// aliasTable maps a folded abbreviation to its folded expansions.
type aliasTable map[string][]string

func newAliasTable(extra map[string][]string) aliasTable {
	t := aliasTable{}
	add := func(m map[string][]string) {
		for k, vs := range m {
			key := foldString(k)
			for _, v := range vs {
				if v = foldString(v); v != "" && v != key {
					t[key] = append(t[key], v)
				}
			}
		}
	}
	add(DefaultAliases())
	add(extra)
	return t
}
