// Package labgen generates synthetic open labs: realistic in distribution (the three
// regions of the Beijing–Tianjin–Hebei list, every lab kind, plausible names, services and
// institutions) but wholly invented. Every generated lab has source "synthetic", belongs
// to an invented institution and has a fictitious phone number.
//
// # Fictitious phone numbers
//
// A synthetic lab's phone is a landline of its region's capital area code (010 北京,
// 022 天津, 0311 河北) whose eight-digit subscriber number starts with 5550, for example
// "022-55500417". Those are placeholders, not numbers of the labs they describe.
//
// The bundled list of package catalog is built from this package by
// `go generate ./catalog` (see cmd/genlabs).
//
// Package labgen does no I/O, reads no clock and holds no mutable state; it imports only
// package catalog and the kernel. It must never import search, voucher or net/http, and
// only generators and benchmarks import it (it is internal).
package labgen
