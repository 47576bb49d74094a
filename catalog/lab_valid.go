package catalog

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/cxqkit/cxq"
)

// Text limits of a lab record, in characters (runes).
const (
	MaxIDLen          = 64
	MaxLabNameLen     = 100
	MaxLegalEntityLen = 100
	MaxContactLen     = 50
	MaxPhoneLen       = 40
	MaxServiceLen     = 200
	MaxServices       = 50
	MaxBatchLen       = 20
)

// Codes of catalog-specific field errors.
const (
	CodeBadID         = "bad_id"         // an ID with spaces or control characters
	CodeTooMany       = "too_many"       // params: max (items)
	CodeUnknownSource = "unknown_source" // a Source other than manual, synthetic, official
	CodeDuplicateID   = "duplicate_id"   // params: value, first (row of the first use)
)

// Field labels of a lab, for messages.
var (
	labelID          = cxq.T("编号", "ID")
	labelRegion      = cxq.T("地区", "region")
	labelLabName     = cxq.T("实验室名称", "lab name")
	labelLegalEntity = cxq.T("法人单位", "legal entity")
	labelContact     = cxq.T("联系人", "contact")
	labelPhone       = cxq.T("联系电话", "phone")
	labelKind        = cxq.T("类型", "kind")
	labelServices    = cxq.T("服务内容", "services")
	labelBatch       = cxq.T("批次", "batch")
	labelSource      = cxq.T("来源", "source")
)

// Valid reports whether s is one of the three sources.
func (s Source) Valid() bool {
	return s == SourceManual || s == SourceSynthetic || s == SourceOfficial
}

// Validate checks the lab and returns nil or a *cxq.ValidationError listing every
// problem: ID, region, name, legal entity and source are required; kind, contact, phone,
// services and batch are optional, but a kind must be one of LabKinds, a region one of
// Regions, a phone what cxq.CheckPhone accepts. Lengths are counted in characters and
// limited by the Max… constants.
func (l Lab) Validate() error {
	var p cxq.Problems
	p.Add(checkID("id", l.ID))
	if strings.TrimSpace(string(l.Region)) == "" {
		p.Add(cxq.Required("region", labelRegion))
	} else if !l.Region.Valid() {
		p.Add(unknownRegion(string(l.Region)))
	}
	p.Add(cxq.CheckText("name", labelLabName, l.Name, cxq.TextRule{Required: true, Max: MaxLabNameLen}))
	p.Add(cxq.CheckText("legal_entity", labelLegalEntity, l.LegalEntity, cxq.TextRule{Required: true, Max: MaxLegalEntityLen}))
	p.Add(cxq.CheckText("contact", labelContact, l.Contact, cxq.TextRule{Max: MaxContactLen}))
	p.Add(checkPhone("phone", l.Phone))
	if l.Kind != "" && !l.Kind.Valid() {
		p.Add(unknownKind(string(l.Kind)))
	}
	p.Add(checkList("services", labelServices, l.Services, MaxServices, MaxServiceLen))
	p.Add(cxq.CheckText("batch", labelBatch, l.Batch, cxq.TextRule{Max: MaxBatchLen}))
	switch {
	case l.Source == "":
		p.Add(cxq.Required("source", labelSource))
	case !l.Source.Valid():
		p.Add(cxq.NewFieldError("source", CodeUnknownSource, map[string]string{"value": cxq.Clip(string(l.Source), 40)},
			cxq.T("未知来源“{value}”", "unknown source \"{value}\"")))
	}
	return p.Err()
}

// checkID requires a printable identifier without spaces of at most MaxIDLen characters.
func checkID(field, id string) *cxq.FieldError {
	if fe := cxq.CheckText(field, labelID, id, cxq.TextRule{Required: true, Max: MaxIDLen}); fe != nil {
		return fe
	}
	for _, r := range id {
		if unicode.IsSpace(r) || !unicode.IsPrint(r) {
			return cxq.NewFieldError(field, CodeBadID, map[string]string{"value": cxq.Clip(id, 40)},
				cxq.T("编号“{value}”不能包含空白或控制字符", "ID \"{value}\" must not contain spaces or control characters"))
		}
	}
	return nil
}

func checkPhone(field, phone string) *cxq.FieldError {
	if strings.TrimSpace(phone) == "" {
		return nil
	}
	if fe := cxq.CheckText(field, labelPhone, phone, cxq.TextRule{Max: MaxPhoneLen}); fe != nil {
		return fe
	}
	if err := cxq.CheckPhone(phone); err != nil {
		var p cxq.Problems
		p.AddErr(field, err)
		return p.Err().(*cxq.ValidationError).Errors[0]
	}
	return nil
}

// checkList limits the number of items and the length of each; empty items are refused.
func checkList(field string, label cxq.Text, items []string, maxItems, maxLen int) *cxq.FieldError {
	if len(items) > maxItems {
		return cxq.NewFieldError(field, CodeTooMany,
			map[string]string{"label_zh": label.ZH, "label_en": label.EN, "max": strconv.Itoa(maxItems)},
			cxq.T("{label_zh}最多 {max} 项", "{label_en}: at most {max} items"))
	}
	for i, s := range items {
		f := field + "[" + strconv.Itoa(i) + "]"
		if fe := cxq.CheckText(f, label, s, cxq.TextRule{Required: true, Max: maxLen}); fe != nil {
			return fe
		}
	}
	return nil
}
