package policy

import (
	"strings"
	"unicode/utf8"
)

// CodePlaceUnknown is the reason a policy whose rates depend on where the parties are
// refuses a place it cannot classify as inside or outside its area; params: party
// ("enterprise" or "provider"), place.
const CodePlaceUnknown = "place_unknown"

// PlaceName returns the canonical form of a place name as people write it: surrounding
// space, a leading province or city (北京市, 河北省) and a trailing 省, 市, 县, 区 or 新区
// are dropped, so 昌平, 昌平区 and 北京市昌平区 are all 昌平, and 河北省 is 河北. Names
// that would become a single character keep their suffix.
func PlaceName(s string) string {
	s = strings.TrimSpace(s)
	for _, sep := range []string{"省", "自治区", "市"} {
		if i := strings.Index(s, sep); i > 0 && i+len(sep) < len(s) {
			s = s[i+len(sep):]
		}
	}
	for _, suf := range []string{"新区", "区", "县", "市", "省"} {
		if rest, ok := strings.CutSuffix(s, suf); ok && utf8.RuneCountInString(rest) >= 2 {
			return rest
		}
	}
	return s
}

// samePlace reports whether two names are one place ([PlaceName]); an empty name is no
// place.
func samePlace(a, b string) bool {
	return a != "" && b != "" && PlaceName(a) == PlaceName(b)
}

// placeKnown reports whether the policy can tell whether pl is in its area: the place
// names the level the area is defined at (a district that is not the area's region or
// city written in the district field), or a higher level already lies outside the area.
func (p Policy) placeKnown(pl Place) bool {
	a := p.Area
	switch {
	case a.District != "":
		if pl.District != "" && !samePlace(pl.District, a.Region) && !samePlace(pl.District, a.City) {
			return true
		}
	case a.City != "":
		if pl.City != "" && !samePlace(pl.City, a.Region) {
			return true
		}
	default:
		return a.Region == "" || pl.Region != ""
	}
	return (pl.Region != "" && !samePlace(pl.Region, a.Region)) || (a.City != "" && pl.City != "" && !samePlace(pl.City, a.City))
}

// tiered reports whether the policy's rate or cap depends on where the parties are.
func (p Policy) tiered() bool { return len(p.Tiers) > 0 || len(p.Bonuses) > 0 }

// PlaceReasons returns a CodePlaceUnknown reason for each party whose place the policy
// cannot classify, when its rates depend on places; nil otherwise. A place it cannot
// classify is refused, never put in a cheaper tier.
func (p Policy) PlaceReasons(ent, prov Place) []Reason {
	if !p.tiered() {
		return nil
	}
	var out []Reason
	for _, c := range []struct {
		party string
		pl    Place
	}{{"enterprise", ent}, {"provider", prov}} {
		if !p.placeKnown(c.pl) {
			name := strings.TrimSpace(c.pl.Region + c.pl.City + c.pl.District)
			out = append(out, reason(CodePlaceUnknown, map[string]string{"party": c.party, "place": name}))
		}
	}
	return out
}
