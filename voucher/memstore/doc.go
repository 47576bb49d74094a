// Package memstore is the reference [voucher.Store]: everything in memory, one writer at
// a time, rolled back through an undo log when a transaction fails. Records are kept as
// typed values; every write stores, and every read returns, a deep copy that shares no
// map or slice with the caller's.
//
// It defines the behaviour the SQL drivers must match (voucher/storetest runs the same
// suite against all of them) and serves tests, examples and single-process demos. It
// keeps nothing across restarts.
//
// It must never import database/sql, net/http or another driver.
package memstore
