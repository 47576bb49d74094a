package export_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher/export"
)

// everyForm renders each kind of form the package prints: both forms, a long one, one with
// rare characters from the embedded fallbacks and one with a portal's fallback font.
func everyForm(t testing.TB) map[string]func(io.Writer) error {
	t.Helper()
	long := sampleApplication()
	long.Description = longText(1000)
	rareApp, rare := sampleApplication(), rareRedemption()
	rareApp.Enterprise, rareApp.Contact = rare.Enterprise, rare.Contact
	rareApp.Description = strings.Repeat("䶮𠮷科技服务，", 60)
	portal := &export.Options{Fallbacks: []*export.Font{export.PortalTestFont(t)}}
	portalForm := sampleRedemption()
	portalForm.Enterprise = "天津\U00030000\uE000科技有限公司"
	app := func(f *export.ApplicationForm, o *export.Options) func(io.Writer) error {
		return func(w io.Writer) error { return export.RenderApplication(w, f, o) }
	}
	red := func(f *export.RedemptionForm, o *export.Options) func(io.Writer) error {
		return func(w io.Writer) error { return export.RenderRedemption(w, f, o) }
	}
	return map[string]func(io.Writer) error{
		"application":       app(sampleApplication(), nil),
		"application-long":  app(long, nil),
		"application-rare":  app(rareApp, nil),
		"redemption":        red(sampleRedemption(), nil),
		"redemption-rare":   red(rare, nil),
		"redemption-portal": red(portalForm, portal),
	}
}

func pdfOf(render func(io.Writer) error) ([]byte, error) {
	var b bytes.Buffer
	err := render(&b)
	return b.Bytes(), err
}

func TestSameFormSameBytes(t *testing.T) {
	t.Parallel()
	for name, render := range everyForm(t) {
		first, err := pdfOf(render)
		require.NoError(t, err, name)
		again, err := pdfOf(render)
		require.NoError(t, err, name)
		require.True(t, bytes.Equal(first, again), "%s: same form, other bytes", name)
		// The two pages of a form come to well under 100 KB: each font is cut to the
		// characters the form draws.
		require.Less(t, len(first), 100_000, name)
	}
}

// TestConcurrentFormsAgree renders every kind of form at once, twice over, and compares
// each with the same form rendered alone: the fonts are shared, the documents are not.
// Run it with -race.
func TestConcurrentFormsAgree(t *testing.T) {
	t.Parallel()
	forms := everyForm(t)
	want := map[string][]byte{}
	for name, render := range forms {
		pdf, err := pdfOf(render)
		require.NoError(t, err, name)
		want[name] = pdf
	}
	var mu sync.Mutex
	got := map[string][][]byte{}
	var errs []error
	var wg sync.WaitGroup
	for range 2 {
		for name, render := range forms {
			wg.Go(func() {
				pdf, err := pdfOf(render)
				mu.Lock()
				defer mu.Unlock()
				got[name] = append(got[name], pdf)
				errs = append(errs, err)
			})
		}
	}
	wg.Wait()
	require.NoError(t, errors.Join(errs...))
	for name, pdfs := range got {
		require.Len(t, pdfs, 2, name)
		for _, pdf := range pdfs {
			require.True(t, bytes.Equal(want[name], pdf), "%s rendered concurrently differs", name)
		}
	}
}
