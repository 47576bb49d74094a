// Package memstore is the reference [voucher.Store]: everything in memory, one writer at
// a time, rolled back through an undo log when a transaction fails.
//
// It defines the behaviour the SQL drivers must match (voucher/storetest runs the same
// suite against all of them) and serves tests, examples and single-process demos. It
// keeps nothing across restarts.
//
// It must never import database/sql, net/http or another driver.
package memstore
