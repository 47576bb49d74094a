package catalog

import (
	"strings"

	"github.com/cxqkit/cxq"
)

// lookup finds s in one of the name indexes (kindIndex, regionIndex): trimmed of
// surrounding spaces, as written first, then in lower case for English names.
func lookup(index map[string]int, s string) (int, bool) {
	t := strings.TrimSpace(s)
	if i, ok := index[t]; ok {
		return i, true
	}
	i, ok := index[strings.ToLower(t)]
	return i, ok
}

// unknownName is the FieldError of a name that none of the accepted values matches: its
// params are the value (clipped to 40 characters) and the accepted values joined by "、".
func unknownName[T ~string](field, code, s string, accepted []T, msg cxq.Text) *cxq.FieldError {
	names := make([]string, len(accepted))
	for i, v := range accepted {
		names[i] = string(v)
	}
	return cxq.NewFieldError(field, code,
		map[string]string{"value": cxq.Clip(s, 40), "accepted": strings.Join(names, "、")}, msg)
}
