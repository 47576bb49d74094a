// Command lifecycle walks one order from placement to 评审通过 through the voucher
// service on a real store and prints, one line per step, who acted, the status the
// enterprise now sees and the amounts, then whether the audit chain verifies.
//
//	go run ./examples/lifecycle                     # a temporary SQLite file
//	go run ./examples/lifecycle -db cxq.db          # a SQLite file kept afterwards
//	go run ./examples/lifecycle -db postgres://user@localhost/cxq?sslmode=disable
//	go run ./examples/lifecycle -export forms       # also write forms/application.pdf and forms/redemption.pdf
//
// The walk runs on a demo clock (2025-03-03 09:00 China Standard Time, ten minutes later
// at every reading) and, on a temporary database, numbered IDs, so its output and its
// exported forms are the same on every run; testdata/output.golden holds the output
// (go test ./examples/lifecycle -update rewrites it). With -export the forms come from
// package voucher/export, and each printed verification code is the one on the PDF's
// pages.
//
// The command holds the walk, its flags and its printing only: every rule and state
// change is the voucher service's. It must never import voucher/memstore (it shows a
// real store), net/http or the portal, and nothing imports it.
package main
