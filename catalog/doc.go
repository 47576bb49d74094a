// Package catalog holds the reference data of the voucher programmes: open labs ([Lab],
// [Region], [LabKind]) of the Beijing–Tianjin–Hebei mutually recognised list, and the
// marketplace's service providers ([Provider]) and products ([Product], [Category],
// [Price]). Every type validates itself and returns a *cxq.ValidationError listing each
// problem with its field, code and Chinese and English message.
//
// # The bundled lab list
//
// [BundledLabs] returns 753 labs, the size of the first published batch (首批). The
// official list is not available in machine-readable form, so only six labs are real:
// the cards printed in section 四 of the reference user manual, text as printed
// ([ManualLabs], Source "manual"; the legal entity the manual cuts short is kept as shown
// and named in Lab.Truncated). The other 747 are SYNTHETIC (Source "synthetic"): invented
// institutions, realistic names and services, and fictitious phone numbers — a landline
// of the region's area code whose subscriber number starts with 5550
// ("010-55500123", "022-5550…", "0311-5550…"). They are generated deterministically by
// internal/labgen; rerun with `go generate ./catalog`. A portal loads the official list
// with package catalog/sheets instead.
//
// # The demo marketplace
//
// [BundledProviders] and [BundledProducts] return a small invented marketplace of 46
// products across the categories, including the manual's 气相色谱仪 (100.00 元/项,
// 天津, 仪器设备 - 仪器共享, listed 2017-07-11, 112 views, voucher badge).
//
// # Loading official lists
//
// Package catalog/sheets reads the official lists (CSV, JSON, XLSX) into these types;
// catalog itself holds the types, their validation and the pure parsers of single values
// ([ParseRegion], [ParseLabKind], [ParsePrice], [ParseCategory], [ParseDate],
// [DeriveLabID]).
//
// Package catalog does no I/O and must never import net/http, database/sql, a
// spreadsheet library or any package of cxq other than the kernel (the kernel's purity
// test checks it with go list -deps).
package catalog
