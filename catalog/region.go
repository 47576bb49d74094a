package catalog

import (
	"strings"

	"github.com/cxqkit/cxq"
)

// CodeUnknownRegion is the FieldError code of a region that is not a province-level region.
const CodeUnknownRegion = "unknown_region"

// regionInfo describes one province-level region: its short Chinese name (the Region
// value), its full official name and its English name.
type regionInfo struct {
	short, full, en string
}

// regionTable lists the province-level regions in the order of the national
// administrative division code, Beijing, Tianjin and Hebei first. It is read only.
var regionTable = [...]regionInfo{
	{"北京", "北京市", "Beijing"}, {"天津", "天津市", "Tianjin"}, {"河北", "河北省", "Hebei"},
	{"山西", "山西省", "Shanxi"}, {"内蒙古", "内蒙古自治区", "Inner Mongolia"},
	{"辽宁", "辽宁省", "Liaoning"}, {"吉林", "吉林省", "Jilin"}, {"黑龙江", "黑龙江省", "Heilongjiang"},
	{"上海", "上海市", "Shanghai"}, {"江苏", "江苏省", "Jiangsu"}, {"浙江", "浙江省", "Zhejiang"},
	{"安徽", "安徽省", "Anhui"}, {"福建", "福建省", "Fujian"}, {"江西", "江西省", "Jiangxi"},
	{"山东", "山东省", "Shandong"}, {"河南", "河南省", "Henan"}, {"湖北", "湖北省", "Hubei"},
	{"湖南", "湖南省", "Hunan"}, {"广东", "广东省", "Guangdong"}, {"广西", "广西壮族自治区", "Guangxi"},
	{"海南", "海南省", "Hainan"}, {"重庆", "重庆市", "Chongqing"}, {"四川", "四川省", "Sichuan"},
	{"贵州", "贵州省", "Guizhou"}, {"云南", "云南省", "Yunnan"}, {"西藏", "西藏自治区", "Tibet"},
	{"陕西", "陕西省", "Shaanxi"}, {"甘肃", "甘肃省", "Gansu"}, {"青海", "青海省", "Qinghai"},
	{"宁夏", "宁夏回族自治区", "Ningxia"}, {"新疆", "新疆维吾尔自治区", "Xinjiang"},
	{"香港", "香港特别行政区", "Hong Kong"}, {"澳门", "澳门特别行政区", "Macao"}, {"台湾", "台湾省", "Taiwan"},
}

// regionIndex finds a region by short name, full name or lower-case English name. It is
// built once from regionTable and only read afterwards.
var regionIndex = func() map[string]int {
	m := make(map[string]int, 3*len(regionTable))
	for i, ri := range regionTable {
		m[ri.short], m[ri.full], m[strings.ToLower(ri.en)] = i, i, i
	}
	return m
}()

// JJJRegions returns the three regions of the Beijing–Tianjin–Hebei list: 北京, 天津, 河北.
func JJJRegions() []Region { return []Region{Beijing, Tianjin, Hebei} }

// Regions returns every province-level region ParseRegion accepts, Beijing, Tianjin and
// Hebei first.
func Regions() []Region {
	out := make([]Region, len(regionTable))
	for i, r := range regionTable {
		out[i] = Region(r.short)
	}
	return out
}

// info returns r's row of regionTable and whether r is a province-level region in its
// short form. An unknown region gets a row that names it as it is, so that it is its own
// label and full name.
func (r Region) info() (regionInfo, bool) {
	if i, ok := regionIndex[string(r)]; ok && regionTable[i].short == string(r) {
		return regionTable[i], true
	}
	return regionInfo{short: string(r), full: string(r), en: string(r)}, false
}

// Valid reports whether r is a province-level region in its short form ("北京").
func (r Region) Valid() bool { _, ok := r.info(); return ok }

// Label returns the region's name in Chinese and English: {北京, Beijing}. An unknown
// region is its own label in both languages.
func (r Region) Label() cxq.Text { ri, _ := r.info(); return cxq.T(ri.short, ri.en) }

// FullName returns the official name: 北京市, 河北省, 广西壮族自治区.
func (r Region) FullName() string { ri, _ := r.info(); return ri.full }

// ParseRegion reads a region as official lists and people write it: the short name
// ("天津"), the full name ("天津市", "河北省"), or the English name in any case
// ("Tianjin", "HEBEI"). Surrounding spaces are ignored. Anything else is a *cxq.FieldError
// with code "unknown_region" whose params list the accepted values.
func ParseRegion(s string) (Region, error) {
	if i, ok := lookup(regionIndex, s); ok {
		return Region(regionTable[i].short), nil
	}
	return "", unknownRegion(s)
}

func unknownRegion(s string) *cxq.FieldError {
	return unknownName("region", CodeUnknownRegion, s, Regions(),
		cxq.T("未知地区“{value}”，可用的地区：{accepted}", "unknown region \"{value}\"; accepted: {accepted}"))
}
