package attachment

import "github.com/cxqkit/cxq"

// Use is one place a stored file serves as evidence: an invoice scan or a contract scan.
type Use struct {
	Field  string // where it is used, e.g. "invoices[1].scan"
	Owner  string // what it documents, e.g. the invoice key or the contract name
	SHA256 string // Attachment.SHA256 of the file
}

// CheckDuplicates reports every file (same SHA-256) used for two different owners, e.g.
// one scan attached to two invoices. Uses with the same owner, or without a hash, are
// fine. The result is nil or a *cxq.ValidationError with one CodeDuplicate error per
// repeated use, in input order, on the later use's field; params name the SHA-256, both
// owners and the first use's field.
func CheckDuplicates(uses []Use) error {
	first := make(map[string]Use, len(uses))
	var p cxq.Problems
	for _, u := range uses {
		if u.SHA256 == "" {
			continue
		}
		f, ok := first[u.SHA256]
		if !ok {
			first[u.SHA256] = u
			continue
		}
		if f.Owner == u.Owner {
			continue
		}
		p.Add(cxq.NewFieldError(u.Field, CodeDuplicate,
			map[string]string{"sha256": u.SHA256, "first": f.Owner, "second": u.Owner, "first_field": f.Field},
			cxq.T("同一文件已用于 {first}，不能再用于 {second}",
				"the same file is already used for {first} and cannot be used for {second}")))
	}
	return p.Err()
}
