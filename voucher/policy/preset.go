package policy

import (
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
)

// The IDs of the shipped presets.
const (
	PresetTianjin   = "tianjin"
	PresetHebei     = "hebei"
	PresetLangfang  = "langfang"
	PresetChangping = "beijing-changping"
)

// cst returns midnight of a date in China Standard Time.
func cst(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, cxq.China())
}

// Presets returns a registry of the shipped policies: tianjin, hebei, langfang,
// beijing-changping. Look one up with [Registry.Latest] (or [Registry.At] and
// [Registry.Get], as for any registry); a registry hands out copies, so a caller may
// change what it gets.
//
// Each is transcribed from the document in its Sources. Where a document leaves a value
// to the voucher itself, the preset says so in its comment; a region with different
// figures ships its own policy file ([Parse]) and builds its own registry
// ([NewRegistry]), which may include presets taken from this one.
func Presets() *Registry {
	r, err := NewRegistry(Tianjin(), Hebei(), Langfang(), BeijingChangping())
	if err != nil {
		panic("policy: a preset does not validate: " + err.Error()) // caught by the package's tests
	}
	return r
}

// Tianjin is 天津市科技创新券 as the reference user manual describes it: a certified
// 科技型中小企业, a product with the 创新券 badge, an estimated contract of at least 4,000.00
// ("创新券补贴支持合同金额最少4000元"), at most 50% of the contract and at most 100,000.00 per
// enterprise per year; the form computes min(50% × contract, remaining annual quota).
func Tianjin() Policy {
	return Policy{
		ID: PresetTianjin, Version: "2017", Name: cxq.T("天津市科技创新券", "Tianjin science and technology innovation voucher"),
		Sources: []Source{{Title: cxq.T("天津市科技创新券管理服务平台用户手册", "Tianjin innovation voucher platform user manual")}},
		From:    cst(2017, time.January, 1),
		Area:    Place{Region: "天津"},
		Rate:    cxq.Percent(50), MinContract: cxq.Yuan(4000), AnnualCap: cxq.Yuan(100000), Period: PerYear,
		Requires: Requirements{Certified: true},
		Rounding: cxq.RoundDown,
	}
}

// Hebei is 河北省科技创新券实施细则（试行）冀科计〔2016〕22号: certified 科技型中小企业 with
// revenue under 20,000,000 and no bad credit, or a team of a city-level 众创空间; no
// affiliation with the provider; at most 100,000 per cycle of 12 months, a first claim
// of at most 30,000 and a further claim once more than half of what was claimed is used;
// at most 50% of each contract. Nothing used within 3 months revokes the whole voucher,
// anything unused at 6 months is revoked, each with no new claim that year; redemption
// within 6 months of the contract's filing; a 7-day public notice (公示) precedes payout.
func Hebei() Policy {
	return Policy{
		ID: PresetHebei, Version: "2016", Name: cxq.T("河北省科技创新券", "Hebei science and technology innovation voucher"),
		Sources: []Source{{Title: cxq.T("河北省科技创新券实施细则（试行）", "Implementing rules of the Hebei innovation voucher (trial)"), Ref: "冀科计〔2016〕22号"}},
		From:    cst(2016, time.January, 1),
		Area:    Place{Region: "河北"},
		Rate:    cxq.Percent(50), AnnualCap: cxq.Yuan(100000), Period: PerCycle, CycleMonths: 12,
		FirstClaimCap: cxq.Yuan(30000), ReclaimAbove: cxq.Percent(50),
		Usage:     UsageRules{FirstUseMonths: 3, FirstUseBan: SameYear, ValidMonths: 6, UnusedBan: SameYear, RedeemMonths: 6},
		NoRelated: true, SplitUse: true, ProviderRedeems: true, FilingCounts: true, Notice: sevenDayNotice(),
		Requires: Requirements{Certified: true, CrowdSpaceTeam: true, MaxRevenue: cxq.Yuan(20000000), NoBadCredit: true},
		Rounding: cxq.RoundDown,
	}
}

// Langfang is 廊坊市科技创新券实施细则（试行）(2017): a first claim of at most 50,000, a new
// claim once more than 50% is used, at most 100,000 a year and 50% of each contract.
// Usage below 30% (30% itself is fine) at the end of the voucher's validity bars a claim
// the next year and the unused balance returns to the pool; the validity is printed on
// the voucher, taken here as 12 months. A holder of a Hebei provincial voucher may not
// also claim Langfang's. Statutory testing, IP official and annual fees, rent and
// utilities are excluded. A redemption is paid after a 7-day public notice (公示). After
// payout the city spot-checks at least 20% of the redeemed vouchers; the document names
// no period, so the preset takes the half year, like Changping's, stratified by the
// enterprise's district.
func Langfang() Policy {
	return Policy{
		ID: PresetLangfang, Version: "2017", Name: cxq.T("廊坊市科技创新券", "Langfang science and technology innovation voucher"),
		Sources: []Source{{Title: cxq.T("廊坊市科技创新券实施细则（试行）", "Implementing rules of the Langfang innovation voucher (trial)")}},
		From:    cst(2017, time.January, 1),
		Area:    Place{Region: "河北", City: "廊坊"},
		Rate:    cxq.Percent(50), AnnualCap: cxq.Yuan(100000), Period: PerYear,
		FirstClaimCap: cxq.Yuan(50000), ReclaimAbove: cxq.Percent(50),
		Usage: UsageRules{ValidMonths: 12, LowUsageBelow: cxq.Percent(30), LowUsageBan: NextYear},
		Excluded: []Exclusion{
			{Code: catalog.ServiceStatutoryTesting, Label: cxq.T("法定检测、强制性检测", "statutory or mandatory testing")},
			{Code: catalog.ServiceIPFees, Label: cxq.T("知识产权官费、年费", "IP official and annual fees")},
			{Code: catalog.ServiceRent, Label: cxq.T("房租", "rent")},
			{Code: catalog.ServiceUtilities, Label: cxq.T("水电费", "utilities")},
		},
		Exclusive: []string{PresetHebei},
		SplitUse:  true,
		Notice:    sevenDayNotice(),
		Rounding:  cxq.RoundDown,
		SpotCheck: &SpotCheckRule{MinShare: cxq.Percent(20), Months: 6, By: StrataDistrict},
	}
}

// BeijingChangping is 昌平区人人创新券 (2017). Rate and annual cap depend on where the
// enterprise and the provider are: 50% / 200,000 (both in Changping), 40% / 200,000
// (enterprise in Changping), 30% / 100,000 (provider in Changping), 20% / 50,000
// (neither); central state-owned labs in 未来科学城 add 10 points when the provider is in
// Changping. Eligible: under 100 staff, revenue under 10,000,000 in each of the last two
// years, registered capital at most 30,000,000, no affiliation with the provider;
// statutory testing is excluded; approved redemptions are publicly noticed (公示) for
// 7 days before payout. At least 5% of the redeemed vouchers are spot-checked every half
// year, stratified by provider (the district is one, so providers are what varies).
func BeijingChangping() Policy {
	return Policy{
		ID: PresetChangping, Version: "2017", Name: cxq.T("昌平区人人创新券", "Changping District innovation voucher for all"),
		Sources: []Source{{Title: cxq.T("昌平区人人创新券实施办法", "Changping District innovation voucher measures")}},
		From:    cst(2017, time.January, 1),
		Area:    Place{Region: "北京", District: "昌平"},
		Rate:    cxq.Percent(20), AnnualCap: cxq.Yuan(50000), Period: PerYear,
		Tiers: []Tier{
			{Enterprise: Local, Provider: Local, Rate: cxq.Percent(50), AnnualCap: cxq.Yuan(200000),
				Label: cxq.T("昌平企业、昌平服务机构", "Changping enterprise, Changping provider")},
			{Enterprise: Local, Provider: Elsewhere, Rate: cxq.Percent(40), AnnualCap: cxq.Yuan(200000),
				Label: cxq.T("昌平企业、区外服务机构", "Changping enterprise, provider elsewhere")},
			{Enterprise: Elsewhere, Provider: Local, Rate: cxq.Percent(30), AnnualCap: cxq.Yuan(100000),
				Label: cxq.T("区外企业、昌平服务机构", "enterprise elsewhere, Changping provider")},
			{Enterprise: Elsewhere, Provider: Elsewhere, Rate: cxq.Percent(20), AnnualCap: cxq.Yuan(50000),
				Label: cxq.T("区外企业、区外服务机构", "enterprise and provider elsewhere")},
		},
		Bonuses: []Bonus{{Provider: Local, Park: "未来科学城", CentralSOE: true, Points: cxq.Percent(10),
			Label: cxq.T("未来科学城央属实验室加 10 个百分点", "+10 points for a central state-owned lab in Future Science City")}},
		NoRelated: true,
		Excluded:  []Exclusion{{Code: catalog.ServiceStatutoryTesting, Label: cxq.T("法定检测", "statutory testing")}},
		Notice:    sevenDayNotice(),
		Requires:  Requirements{MaxStaff: 100, MaxRevenue: cxq.Yuan(10000000), RevenueYears: 2, MaxCapital: cxq.Yuan(30000000)},
		Rounding:  cxq.RoundDown,
		SpotCheck: &SpotCheckRule{MinShare: cxq.Percent(5), Months: 6, By: StrataProvider},
	}
}

// sevenDayNotice is the 7-day public notice (公示) before payout of hebei, langfang and
// beijing-changping, listing the enterprise, the project, the provider and the amount.
func sevenDayNotice() Notice {
	return Notice{Days: 7, Columns: PublicColumns()}
}
