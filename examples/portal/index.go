package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/search"
)

// lazyIndex builds the search index in the background so that the portal listens at
// once; a search that arrives before the index is ready waits for it (or for its own
// request to end). It implements searchhttp.Searcher.
type lazyIndex struct {
	ready chan struct{} // closed when idx and err are set
	idx   *search.Index
	err   error
}

func buildIndex(labs []catalog.Lab, products []catalog.Product, logger *slog.Logger) *lazyIndex {
	l := &lazyIndex{ready: make(chan struct{})}
	go func() {
		defer close(l.ready)
		t0 := time.Now()
		l.idx, l.err = search.Build(labs, products, nil)
		if l.err != nil {
			logger.Error("search index", "err", l.err)
			return
		}
		logger.Debug("search index built", "labs", len(labs), "products", len(products),
			"took", time.Since(t0).Round(time.Millisecond))
	}()
	return l
}

// Wait returns the index once it is built, or the error that stopped it.
func (l *lazyIndex) Wait(ctx context.Context) (*search.Index, error) {
	select {
	case <-l.ready:
		return l.idx, l.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// SearchLabs waits for the index and searches it.
func (l *lazyIndex) SearchLabs(ctx context.Context, q search.Query) (*search.Result, error) {
	idx, err := l.Wait(ctx)
	if err != nil {
		return nil, err
	}
	return idx.SearchLabs(ctx, q)
}

// SearchProducts waits for the index and searches it.
func (l *lazyIndex) SearchProducts(ctx context.Context, q search.ProductQuery) (*search.ProductResult, error) {
	idx, err := l.Wait(ctx)
	if err != nil {
		return nil, err
	}
	return idx.SearchProducts(ctx, q)
}

// Close waits for the build to end and releases the index.
func (l *lazyIndex) Close() error {
	<-l.ready
	if l.idx == nil {
		return nil
	}
	return l.idx.Close()
}
