package search

// DefaultAliases returns the short names of the Beijing–Tianjin–Hebei region's
// universities, institutes and large firms that no analyzer can find, Chinese and
// Latin: 天大 and TJU are 天津大学, 北航 and BUAA 北京航空航天大学. Short names are read
// as the region reads them: 南大 is 南开大学 here, not 南京大学. A query part equal to a
// key also finds records whose text contains one of its expansions; "天大" as text
// still finds 北京航天大学 too. Options.Aliases adds to the table, and with
// Options.NoDefaultAliases replaces it.
func DefaultAliases() map[string][]string {
	return map[string][]string{
		// Tianjin
		"天大": {"天津大学"}, "南大": {"南开大学"}, "天工大": {"天津工业大学"},
		"天科大": {"天津科技大学"}, "天师大": {"天津师范大学"}, "天理工": {"天津理工大学"},
		"天医大": {"天津医科大学"}, "天中医": {"天津中医药大学"}, "天财": {"天津财经大学"},
		"天职师大": {"天津职业技术师范大学"}, "民航大": {"中国民航大学"}, "天城建": {"天津城建大学"},
		"河工大": {"河北工业大学"}, "河北工大": {"河北工业大学"},
		"tju": {"天津大学"}, "nku": {"南开大学"}, "tjpu": {"天津工业大学"}, "tust": {"天津科技大学"},
		"tjnu": {"天津师范大学"}, "tjut": {"天津理工大学"}, "tmu": {"天津医科大学"}, "hebut": {"河北工业大学"},
		"cauc": {"中国民航大学"},
		// Beijing
		"北大": {"北京大学"}, "清华": {"清华大学"}, "北航": {"北京航空航天大学"},
		"北理工": {"北京理工大学"}, "北理": {"北京理工大学"}, "北工大": {"北京工业大学"},
		"北交大": {"北京交通大学"}, "北科大": {"北京科技大学"}, "北化": {"北京化工大学"},
		"北化工": {"北京化工大学"}, "北邮": {"北京邮电大学"}, "北师大": {"北京师范大学"},
		"首师大": {"首都师范大学"}, "首医": {"首都医科大学"}, "首医大": {"首都医科大学"},
		"人大": {"中国人民大学"}, "农大": {"中国农业大学"}, "中国农大": {"中国农业大学"},
		"北林": {"北京林业大学"}, "北中医": {"北京中医药大学"}, "北协和": {"北京协和医学院"},
		"中科院": {"中国科学院"}, "国科大": {"中国科学院大学"}, "社科院": {"中国社会科学院"},
		"医科院": {"中国医学科学院"}, "农科院": {"中国农业科学院"}, "北工商": {"北京工商大学"},
		"pku": {"北京大学"}, "thu": {"清华大学"}, "buaa": {"北京航空航天大学"}, "bit": {"北京理工大学"},
		"bjut": {"北京工业大学"}, "bjtu": {"北京交通大学"}, "ustb": {"北京科技大学"}, "buct": {"北京化工大学"},
		"bupt": {"北京邮电大学"}, "bnu": {"北京师范大学"}, "cnu": {"首都师范大学"}, "ruc": {"中国人民大学"},
		"cau": {"中国农业大学"}, "cas": {"中国科学院"}, "ucas": {"中国科学院大学"}, "pumc": {"北京协和医学院"},
		// Hebei
		"河北大": {"河北大学"}, "燕大": {"燕山大学"}, "河北农大": {"河北农业大学"},
		"河北医大": {"河北医科大学"}, "河北师大": {"河北师范大学"}, "河北科大": {"河北科技大学"},
		"石铁大": {"石家庄铁道大学"}, "石家庄铁大": {"石家庄铁道大学"}, "河北工程大": {"河北工程大学"},
		"华北理工": {"华北理工大学"}, "华电": {"华北电力大学"}, "河北经贸": {"河北经贸大学"},
		"ysu": {"燕山大学"}, "hbu": {"河北大学"}, "stdu": {"石家庄铁道大学"}, "ncepu": {"华北电力大学"},
		// National, with campuses or institutes in the region
		"石大": {"中国石油大学"}, "地大": {"中国地质大学"}, "矿大": {"中国矿业大学"},
		"中石化": {"中国石油化工"}, "中石油": {"中国石油天然气"}, "中航": {"中国航空"},
		"航天科工": {"中国航天科工"}, "航天科技": {"中国航天科技"}, "中电科": {"中国电子科技集团"},
		"国网": {"国家电网"}, "中铁": {"中国中铁"}, "中建": {"中国建筑"},
	}
}

// aliasTable maps a folded abbreviation to its folded expansions.
type aliasTable map[string][]string

func newAliasTable(extra map[string][]string, noDefaults bool) aliasTable {
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
	if !noDefaults {
		add(DefaultAliases())
	}
	add(extra)
	return t
}
