package search

import (
	"context"
	"errors"
)

var errUnbuilt = errors.New("search: not built yet")

type collection[T any] struct{}

func (c *collection[T]) add([]T) error                               { return errUnbuilt }
func (c *collection[T]) delete(string) error                         { return errUnbuilt }
func (c *collection[T]) rebuild([]T) error                           { return errUnbuilt }
func (c *collection[T]) get(string) (T, bool)                        { var z T; return z, false }
func (c *collection[T]) len() int                                    { return 0 }
func (c *collection[T]) close() error                                { return nil }
func newIndex(*Options) (*Index, error)                              { return nil, errUnbuilt }
func openIndex(string, *Options) (*Index, error)                     { return nil, errUnbuilt }
func (ix *Index) searchLabs(context.Context, Query) (*Result, error) { return nil, errUnbuilt }
func (ix *Index) searchProducts(context.Context, ProductQuery) (*ProductResult, error) {
	return nil, errUnbuilt
}

// DefaultAliases is filled in next.
var DefaultAliases = map[string][]string{}

// DefaultPinyinOverrides is filled in next.
var DefaultPinyinOverrides = map[string]string{}
