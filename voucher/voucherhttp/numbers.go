package voucherhttp

import (
	"strconv"
	"strings"

	"github.com/cxqkit/cxq"
)

// wholeNumber reads a whole number a person typed: spaces around it are ignored and
// full-width digits (typed with a Chinese input method on) read as the digits they are,
// as amounts do.
func wholeNumber(s string) (int, error) { return strconv.Atoi(cxq.Narrow(strings.TrimSpace(s))) }

// wholeNumber64 is wholeNumber for an int64.
func wholeNumber64(s string) (int64, error) {
	return strconv.ParseInt(cxq.Narrow(strings.TrimSpace(s)), 10, 64)
}
