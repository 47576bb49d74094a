package searchhttp

import (
	"errors"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
)

// FuzzQueryParams: any query string gives a query or a validation error, never a panic
// or another kind of error.
func FuzzQueryParams(f *testing.F) {
	for _, s := range []string{"q=天津&region=北京,天津&page=2", "q=%zz", "page=-1&size=1e9", `q="unbalanced`,
		"q=*~:&kind=国家级重点实验室", "voucher=yes&category=检测认证", "sort=name&entity=天津大学"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		vals, err := parseQuery(raw)
		if err != nil {
			require.True(t, errors.Is(err, cxq.ErrInvalid))
			return
		}
		check := func(err error) {
			if err == nil {
				return
			}
			var ve *cxq.ValidationError
			require.True(t, errors.As(err, &ve), "%T %v", err, err)
			require.NotEmpty(t, ve.Errors)
		}
		q, err := labQuery(vals, 100)
		check(err)
		if err == nil {
			require.LessOrEqual(t, len([]rune(q.Text)), 100)
		}
		_, err = productQuery(vals, 100)
		check(err)
	})
}

func TestLabQueryDefaults(t *testing.T) {
	t.Parallel()
	q, err := labQuery(url.Values{"q": {"  天津大学 "}}, 100)
	require.NoError(t, err)
	require.Equal(t, "天津大学", q.Text)
	require.Zero(t, q.Page)
	require.Zero(t, q.Size)
	require.Empty(t, q.Regions)
}
