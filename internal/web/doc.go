// Package web holds what the project's HTTP handlers (searchhttp, voucherhttp) share:
// the one table from an error's kind to its HTTP status, and the JSON writer whose
// answers can never be read as HTML.
package web
