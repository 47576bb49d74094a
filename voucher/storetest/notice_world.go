package storetest

import (
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq/voucher"
)

// NoticeAlone publishes r, which passed review and awaits its public notice, alone,
// closes the notice at the period's end with nobody objecting (the clock set there and
// back), and returns r as paid.
func (w *World) NoticeAlone(r voucher.Redemption) voucher.Redemption {
	w.T.Helper()
	pub, err := w.Svc.Publish(bg, w.Office, voucher.PublishParams{Key: w.Key(), Redemptions: []string{r.ID}})
	require.NoError(w.T, err)
	w.After(pub.Until, func() {
		_, err = w.Svc.CloseNotice(bg, w.Office, voucher.CloseNoticeParams{Key: w.Key(), ID: pub.ID})
		require.NoError(w.T, err)
	})
	r, err = w.Svc.Redemption(bg, w.Office, r.ID)
	require.NoError(w.T, err)
	require.Equal(w.T, voucher.PayoutPaid, r.Payout.State)
	return r
}

// After runs fn with the clock at t, then sets it back to where it was.
func (w *World) After(t time.Time, fn func()) {
	w.T.Helper()
	was := w.Clock.Now()
	w.Clock.Set(t)
	defer w.Clock.Set(was)
	fn()
}
