package attachment

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/cxqkit/cxq"
)

// SlotName identifies an upload slot of the forms.
type SlotName string

// The upload slots of the user manual.
const (
	SlotOrgCertificate SlotName = "org_certificate"        // 组织机构代码证
	SlotApplication    SlotName = "application_attachment" // 相关附件: contract, agreement, quote
	SlotInvoiceScan    SlotName = "invoice_scan"           // 发票扫描件
	SlotContractScan   SlotName = "contract_scan"          // 合同扫描件
	SlotServiceProof   SlotName = "service_result_proof"   // 服务结果证明 (optional)
	SlotProjectSummary SlotName = "project_summary"        // 项目实施情况总结, patents, prototypes
	SlotBankReceipt    SlotName = "bank_receipt"           // 银行打款回单
)

// MB is the megabyte of the forms: 1,000,000 bytes.
const MB = 1_000_000

// Slot is one upload field: its name, label, size limit and accepted types.
type Slot struct {
	Name     SlotName `json:"name"`
	Label    cxq.Text `json:"label"`
	Limit    int64    `json:"limit"`    // largest accepted size in bytes; one byte more is refused
	Types    []Type   `json:"types"`    // accepted types
	Optional bool     `json:"optional"` // the form may be submitted without it
	// About says what belongs in the slot, as the form tells the person filling it in,
	// e.g. 服务结果证明(如检测结果、技术解决方案等材料、报表). Optional.
	About cxq.Text `json:"about,omitzero"`
	// AllowLinks accepts PDF link (URI) actions, each reported as a FlagLink, instead of
	// refusing the file. Defaults to false: a link is refused.
	AllowLinks bool `json:"allow_links,omitempty"`
	// FlagObjects accepts embedded OLE objects, ActiveX controls and DDE fields in Word
	// files, each reported as a flag (FlagEmbeddedObject, FlagActiveX, FlagDDE), instead
	// of refusing the file. Defaults to false: they are refused. Macros are always refused.
	FlagObjects bool `json:"flag_objects,omitempty"`
}

// Accepts reports whether the slot takes files of type t.
func (s Slot) Accepts(t Type) bool { return slices.Contains(s.Types, t) }

// Validate reports a slot that cannot be used: no name, a limit below one byte, no types
// or an unknown type.
func (s Slot) Validate() error {
	switch {
	case s.Name == "":
		return fmt.Errorf("attachment: slot without a name: %w", cxq.ErrInvalid)
	case s.Limit < 1:
		return fmt.Errorf("attachment: slot %s: limit %d below one byte: %w", s.Name, s.Limit, cxq.ErrInvalid)
	case len(s.Types) == 0:
		return fmt.Errorf("attachment: slot %s accepts no type: %w", s.Name, cxq.ErrInvalid)
	}
	for _, t := range s.Types {
		if !t.Valid() {
			return fmt.Errorf("attachment: slot %s: unknown type %q: %w", s.Name, t, cxq.ErrInvalid)
		}
	}
	return nil
}

// LimitText returns the limit for people: "1 MB" for whole megabytes, else bytes.
func (s Slot) LimitText() string {
	if s.Limit%MB == 0 {
		return strconv.FormatInt(s.Limit/MB, 10) + " MB"
	}
	return strconv.FormatInt(s.Limit, 10) + " B"
}

// Slots is a set of upload slots, as a policy defines them.
type Slots []Slot

// Get returns the slot called name.
func (ss Slots) Get(name SlotName) (Slot, bool) {
	for _, s := range ss {
		if s.Name == name {
			return s, true
		}
	}
	return Slot{}, false
}

// Validate checks every slot and that no name is used twice.
func (ss Slots) Validate() error {
	seen := make(map[SlotName]bool, len(ss))
	for _, s := range ss {
		if err := s.Validate(); err != nil {
			return err
		}
		if seen[s.Name] {
			return fmt.Errorf("attachment: slot %s defined twice: %w", s.Name, cxq.ErrInvalid)
		}
		seen[s.Name] = true
	}
	return nil
}

// DefaultSlots returns the slots of the user manual, a fresh copy on every call:
// 1 MB for JPG/PNG/PDF scans, 2 MB JPG/PDF for application attachments and 5 MB
// DOC/DOCX/PDF for contract scans.
func DefaultSlots() Slots {
	scan := func() []Type { return []Type{JPEG, PNG, PDF} }
	return Slots{
		{Name: SlotOrgCertificate, Label: cxq.T("组织机构代码证", "organisation certificate"), Limit: 1 * MB, Types: scan()},
		{Name: SlotApplication, Label: cxq.T("相关附件", "related attachment"), Limit: 2 * MB, Types: []Type{JPEG, PDF},
			About: cxq.T("合同、协议、报价单等意向性文件", "contracts, agreements, quotations and other letters of intent")},
		{Name: SlotInvoiceScan, Label: cxq.T("发票扫描件", "invoice scan"), Limit: 1 * MB, Types: scan()},
		{Name: SlotContractScan, Label: cxq.T("合同扫描件", "contract scan"), Limit: 5 * MB, Types: []Type{DOC, DOCX, PDF}},
		{Name: SlotServiceProof, Label: cxq.T("服务结果证明", "service result proof"), Limit: 1 * MB, Types: scan(), Optional: true,
			About: cxq.T("如检测结果、技术解决方案等材料、报表", "e.g. test results, technical solutions, reports")},
		{Name: SlotProjectSummary, Label: cxq.T("项目实施情况总结", "project summary"), Limit: 1 * MB, Types: scan(),
			About: cxq.T("及其他创新成果证明，如专利、著作权、新产品、新工艺、样机证明材料等有利证明自身工作效率及服务能力等文件",
				"and other proof of innovation: patents, copyrights, new products, new processes, prototypes and other documents showing the work done")},
		{Name: SlotBankReceipt, Label: cxq.T("银行打款回单", "bank transfer receipt"), Limit: 1 * MB, Types: scan()},
	}
}
