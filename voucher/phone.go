package voucher

import "github.com/cxqkit/cxq"

// canonicalPhone is phone s in the one spelling lists, exports and search show, as every
// save of a form or an order stores it: cxq.ParsePhone(s).String() when s parses
// ("０２２－２３５３ ２９００" and "(022)23532900" are both "022-23532900"), else s as
// typed, since a draft may hold a phone it cannot be submitted with until corrected.
func canonicalPhone(s string) string {
	if p, err := cxq.ParsePhone(s); err == nil {
		return p.String()
	}
	return s
}

// canonical is c with its phone canonical (canonicalPhone).
func (c Contact) canonical() Contact {
	c.Phone = canonicalPhone(c.Phone)
	return c
}

// canonical is p with its phone canonical (canonicalPhone).
func (p Party) canonical() Party {
	p.Phone = canonicalPhone(p.Phone)
	return p
}
