package policy

import (
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
)

// SpotCheckRule is how often, and how much of, the redeemed cases the programme office
// must check after payout (抽查): in every period of Months months it draws at least
// MinShare of the cases redeemed in that period, in each stratum (By), and inspects them;
// a failed inspection may claw back what was paid. Langfang: at least 20% (the city
// spot-checks 20% of redeemed vouchers); Changping: at least 5% every half year.
type SpotCheckRule struct {
	// MinShare is the least share of each stratum's redeemed cases a draw takes
	// (0 < MinShare ≤ 100%); the office may draw more.
	MinShare cxq.Rate `json:"min_share"`
	// Months is the length of a period: 3 (quarters), 6 (half years) or 12 (years),
	// counted from New Year in China Standard Time.
	Months int `json:"months"`
	// By is what the cases are stratified by, so every stratum is checked at the share:
	// [StrataNone], [StrataDistrict] (the enterprise's district), [StrataProvider] or
	// [StrataDistrictProvider].
	By Strata `json:"by,omitempty"`
}

// Strata names what a spot check stratifies its population by.
type Strata string

// The stratifications. The empty value draws from the population as a whole.
const (
	StrataNone             Strata = ""
	StrataDistrict         Strata = "district"
	StrataProvider         Strata = "provider"
	StrataDistrictProvider Strata = "district_provider"
)

// Stratum returns the stratum of a case of an enterprise in district ordered from
// provider: "" without strata, else the fields By names, joined with "/".
func (s Strata) Stratum(district, provider string) string {
	switch s {
	case StrataDistrict:
		return district
	case StrataProvider:
		return provider
	case StrataDistrictProvider:
		return district + "/" + provider
	}
	return ""
}

// Code of the problems of a spot-check period.
const CodeSpotPeriod = "spot_period" // a period key that is not one of the rule's; params: value

// SpotPeriod is one period of a spot-check rule: [From, Until) and its key, "2026" for a
// year, "2026H1"/"2026H2" for half years, "2026Q1"…"2026Q4" for quarters.
type SpotPeriod struct {
	Key   string    `json:"key"`
	From  time.Time `json:"from"`
	Until time.Time `json:"until"`
}

// Contains reports whether t falls in the period.
func (p SpotPeriod) Contains(t time.Time) bool { return !t.Before(p.From) && t.Before(p.Until) }

// PeriodAt returns the rule's period that holds t.
func (r SpotCheckRule) PeriodAt(t time.Time) SpotPeriod {
	c := ChinaTime(t)
	return r.period(c.Year(), (int(c.Month())-1)/r.Months)
}

// Period parses a period key of the rule ("2026H1" under half years). A key of another
// length of period, or malformed, is a *cxq.FieldError with [CodeSpotPeriod].
func (r SpotCheckRule) Period(key string) (SpotPeriod, error) {
	bad := cxq.NewFieldError("period", CodeSpotPeriod, map[string]string{"value": cxq.Clip(key, 20)},
		cxq.T("抽查期间不正确：{value}", "not a spot-check period of this policy: {value}"))
	if len(key) < 4 {
		return SpotPeriod{}, bad
	}
	y, err := strconv.Atoi(key[:4])
	if err != nil || y < 1000 {
		return SpotPeriod{}, bad
	}
	suffix, i := key[4:], 0
	switch {
	case r.Months == 12 && suffix == "":
	case r.Months == 6 && (suffix == "H1" || suffix == "H2"):
		i = int(suffix[1] - '1')
	case r.Months == 3 && len(suffix) == 2 && suffix[0] == 'Q' && suffix[1] >= '1' && suffix[1] <= '4':
		i = int(suffix[1] - '1')
	default:
		return SpotPeriod{}, bad
	}
	p := r.period(y, i)
	if p.Key != key {
		return SpotPeriod{}, bad
	}
	return p, nil
}

// period returns the i-th period (from 0) of year y.
func (r SpotCheckRule) period(y, i int) SpotPeriod {
	from := cst(y, time.Month(1+i*r.Months), 1)
	key := strconv.Itoa(y)
	switch r.Months {
	case 6:
		key += "H" + strconv.Itoa(i+1)
	case 3:
		key += "Q" + strconv.Itoa(i+1)
	}
	return SpotPeriod{Key: key, From: from, Until: addMonths(from, r.Months)}
}

// validate adds the rule's problems under "spot_check".
func (r SpotCheckRule) validate(ps *cxq.Problems) {
	if r.MinShare.IsZero() || r.MinShare.Cmp(cxq.Percent(100)) > 0 {
		ps.Add(valueErr("spot_check.min_share", r.MinShare.String()))
	}
	if r.Months != 3 && r.Months != 6 && r.Months != 12 {
		ps.Add(valueErr("spot_check.months", strconv.Itoa(r.Months)))
	}
	switch r.By {
	case StrataNone, StrataDistrict, StrataProvider, StrataDistrictProvider:
	default:
		ps.Add(valueErr("spot_check.by", string(r.By)))
	}
}
