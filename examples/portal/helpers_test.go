package main

import (
	"log/slog"

	"github.com/cxqkit/cxq/voucher/storetest"
)

func newTestLogger(w *storetest.LogBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
