package attachment_test

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/stretchr/testify/require"
)

// hostileImages are within the pixel cap but would take seconds of CPU or hundreds of
// megabytes to decode; each is refused from its headers, before decoding.
func hostileImages() map[string][]byte {
	return map[string][]byte{
		"48 KB progressive JPEG of 2,500 scans":   progressiveJPEG(2000, 2000, 2500),
		"392 KB progressive JPEG of 30,000 scans": progressiveJPEG(1000, 1000, 30_000),
		"progressive JPEG walking 20× the cap":    progressiveJPEG(4000, 4000, 20),
		"progressive JPEG at the cap, 4:4:4":      progressiveJPEGComponents(4000, 4000),
		"16-bit interlaced PNG of 16 Mpx":         pngZeros(4000, 4000, 16, 6, true),
	}
}

func TestImageBudgetRefuses(t *testing.T) {
	t.Parallel()
	for name, data := range hostileImages() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := slot(t, attachment.SlotApplication) // 2 MB
			s.Types = []attachment.Type{attachment.JPEG, attachment.PNG}
			file := "a.jpg"
			if attachment.Sniff(data) == attachment.PNG {
				file = "a.png"
			}
			_, err := attachment.Check(s, file, bytes.NewReader(data))
			requireCode(t, err, attachment.CodeUnsafe, attachment.ReasonBudget)
		})
	}
}

// Images within the budget decode: a progressive JPEG of ten scans, a large 8-bit PNG.
func TestImageBudgetAccepts(t *testing.T) {
	t.Parallel()
	s := slot(t, attachment.SlotInvoiceScan)
	f, err := attachment.Check(s, "a.jpg", bytes.NewReader(progressiveJPEG(640, 480, 9)))
	require.NoError(t, err)
	require.Equal(t, attachment.JPEG, f.Type)
	f, err = attachment.Check(s, "a.png", bytes.NewReader(pngZeros(2000, 1500, 8, 2, true)))
	require.NoError(t, err)
	require.Equal(t, attachment.PNG, f.Type)

	// The budgets are options: a checker allowing fewer scans refuses the JPEG.
	c := attachment.NewChecker(&attachment.Options{MaxScans: 5})
	_, err = c.Check(s, "a.jpg", bytes.NewReader(progressiveJPEG(640, 480, 9)))
	requireCode(t, err, attachment.CodeUnsafe, attachment.ReasonBudget)
	c = attachment.NewChecker(&attachment.Options{MaxDecodeBytes: 1 << 20})
	_, err = c.Check(s, "a.png", bytes.NewReader(pngZeros(2000, 1500, 8, 2, true)))
	requireCode(t, err, attachment.CodeUnsafe, attachment.ReasonBudget)
}

// A context that has ended stops the check with the context's error, not a refusal.
func TestCheckContextEnded(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := attachment.NewChecker(nil).CheckContext(ctx, slot(t, attachment.SlotInvoiceScan), "a.png", bytes.NewReader(makePNG(t, 20, 20)))
	require.ErrorIs(t, err, context.Canceled)
	var fe *cxq.FieldError
	require.False(t, errors.As(err, &fe))
}

// Many uploads through a checker with one turn all get their verdicts.
func TestConcurrentChecksShareTurns(t *testing.T) {
	t.Parallel()
	c := attachment.NewChecker(&attachment.Options{MaxConcurrent: 1})
	s := slot(t, attachment.SlotInvoiceScan)
	png := makePNG(t, 64, 64)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			_, errs[i] = c.Check(s, "a.png", bytes.NewReader(png))
		})
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
}
