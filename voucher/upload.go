package voucher

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cxqkit/cxq"
)

// The upload slots of the forms: which slot each form field takes its files from. The
// names are those of package voucher/attachment's slots.
const (
	SlotOrgCertificate = "org_certificate"        // ApplicationForm.OrgCertificate
	SlotApplication    = "application_attachment" // ApplicationForm.Attachments
	SlotInvoiceScan    = "invoice_scan"           // Invoice.Scan
	SlotContractScan   = "contract_scan"          // Contract.Scan
	SlotServiceProof   = "service_result_proof"   // RedemptionForm.Files
	SlotProjectSummary = "project_summary"        // RedemptionForm.Files
	SlotBankReceipt    = "bank_receipt"           // RedemptionForm.Files
)

// Upload is a file the attachment checker accepted, as the Service records it: who
// uploaded it (Owner, the organisation), for which slot, the digest and size of the bytes
// stored, and the checker's flags. A form may name a file only by the reference of an
// upload of the same organisation into the matching slot.
type Upload struct {
	ID     string    `json:"id"`
	Owner  string    `json:"owner"`
	Slot   string    `json:"slot"`
	Name   string    `json:"name"`
	SHA256 string    `json:"sha256"`
	Size   int64     `json:"size"`
	Type   string    `json:"type,omitempty"`
	Flags  []string  `json:"flags,omitempty"`
	At     time.Time `json:"at"`
}

// Ref returns the reference a form names the upload by.
func (u Upload) Ref() AttachmentRef {
	return AttachmentRef{ID: u.ID, Name: u.Name, SHA256: u.SHA256, Size: u.Size, Slot: u.Slot}
}

// RecordUploadParams records what the attachment checker issued for one upload; the
// portal calls it right after the checker stored the file.
type RecordUploadParams struct {
	Key    string   `json:"-"`
	ID     string   `json:"id"`
	Slot   string   `json:"slot"`
	Name   string   `json:"name"`
	SHA256 string   `json:"sha256"`
	Size   int64    `json:"size"`
	Type   string   `json:"type,omitempty"`
	Flags  []string `json:"flags,omitempty"`
}

// CodeAttachmentRef is the code of a form naming a file it may not: no upload of the
// actor's organisation with that ID, digest and size, or one of another slot.
const CodeAttachmentRef = "attachment_ref"

// RecordUpload records an upload of the actor's organisation (an enterprise or a
// provider), so that its forms may name it. The ID must be new. A retry with the same
// key and the same file returns the first record (its ID, not the retry's).
func (s *Service) RecordUpload(ctx context.Context, a Actor, in RecordUploadParams) (Upload, error) {
	if (a.Role != RoleEnterprise && a.Role != RoleProvider) || a.Org == "" {
		return Upload{}, s.deny(ctx, a, "record_upload", "upload", in.ID, "only an enterprise or a provider uploads", false)
	}
	// A retry of an upload stores its bytes again under a new ID; the same key with the
	// same file (slot, name, digest, size) returns the first upload's record, so the
	// ID is not part of what the key guards.
	guarded := in
	guarded.ID = ""
	return mutate(ctx, s, a, in.Key, "RecordUpload", guarded, func(tx Tx, now time.Time) (Upload, error) {
		if in.ID == "" || len(in.SHA256) != 64 || in.Size <= 0 || !slices.Contains(allSlots, in.Slot) {
			return Upload{}, refErr("upload", cxq.T("上传记录不完整", "the upload record is incomplete"))
		}
		if fe := cxq.CheckText("name", cxq.T("文件名", "file name"), in.Name, cxq.TextRule{Max: 255}); fe != nil {
			return Upload{}, fe
		}
		u := Upload{ID: in.ID, Owner: a.Org, Slot: in.Slot, Name: in.Name, SHA256: in.SHA256, Size: in.Size,
			Type: in.Type, Flags: in.Flags, At: now}
		if _, err := s.audit(ctx, tx, AuditEntry{Stream: StreamOf(StreamUpload, u.ID), At: now, Actor: a.ID, Role: a.Role,
			Action: "upload", Note: auditNote("slot", u.Slot, "sha256", u.SHA256)}, 0, "", u); err != nil {
			return Upload{}, err
		}
		return u, tx.SaveUpload(ctx, u)
	})
}

// StreamUpload names the audit streams of uploads.
const StreamUpload = "upload"

var allSlots = []string{SlotOrgCertificate, SlotApplication, SlotInvoiceScan, SlotContractScan,
	SlotServiceProof, SlotProjectSummary, SlotBankReceipt}

var redemptionFileSlots = []string{SlotServiceProof, SlotProjectSummary, SlotBankReceipt}

func refErr(field string, msg cxq.Text) error {
	var p cxq.Problems
	p.Add(cxq.NewFieldError(field, CodeAttachmentRef, nil, msg))
	return p.Err()
}

// fieldRef is one file a form names, the field it is in and the slots it may come from.
// checkRefs sets the reference's Slot, so ref points into the form about to be stored
// (a copy the caller owns, never its input).
type fieldRef struct {
	field string
	ref   *AttachmentRef
	slots []string
}

// checkRefs refuses a form that names a file by anything but the reference of an upload
// of owner into a matching slot: the same ID, digest, size and name (the name the checker
// passed, so that a form cannot rename a file) and, when the reference names a slot, the
// upload's. A missing upload and one of another organisation answer alike. It sets each
// reference's Slot to its upload's: the one place a stored form learns what each file is.
func checkRefs(ctx context.Context, tx Tx, owner string, refs []fieldRef) error {
	var p cxq.Problems
	for _, r := range refs {
		if r.ref.IsZero() {
			continue
		}
		u, err := tx.Upload(ctx, r.ref.ID)
		switch {
		case errors.Is(err, cxq.ErrNotFound) || (err == nil && (u.Owner != owner || u.SHA256 != r.ref.SHA256 || u.Size != r.ref.Size ||
			u.Name != r.ref.Name)):
			p.Add(cxq.NewFieldError(r.field, CodeAttachmentRef, nil,
				cxq.T("附件不是本单位上传的文件", "the attachment is not a file your organisation uploaded")))
		case err != nil:
			return err
		case !slices.Contains(r.slots, u.Slot) || (r.ref.Slot != "" && r.ref.Slot != u.Slot):
			p.Add(cxq.NewFieldError(r.field, CodeAttachmentRef, map[string]string{"slot": u.Slot},
				cxq.T("附件上传的类别不符", "the attachment was uploaded for another kind of file")))
		default:
			r.ref.Slot = u.Slot
		}
	}
	return p.Err()
}

// requiredFileSlots are the slots of a redemption's other files that must each hold a file
// at submission (服务结果证明 may be left out), with their labels; attachment.DefaultSlots
// marks the same slots required (a test holds the two together).
var requiredFileSlots = []struct {
	slot  string
	label cxq.Text
}{
	{SlotProjectSummary, cxq.T("项目实施情况总结", "project summary")},
	{SlotBankReceipt, cxq.T("银行打款回单", "bank transfer receipt")},
}

// RequiredFileSlots lists the slots a redemption's other files must include.
func RequiredFileSlots() []string {
	out := make([]string, len(requiredFileSlots))
	for i, r := range requiredFileSlots {
		out[i] = r.slot
	}
	return out
}

// checkRequiredFiles refuses a redemption whose other files lack a required slot.
func checkRequiredFiles(ctx context.Context, tx Tx, files []AttachmentRef) error {
	have := map[string]bool{}
	for _, f := range files {
		u, err := tx.Upload(ctx, f.ID)
		if err != nil && !errors.Is(err, cxq.ErrNotFound) {
			return err
		}
		have[u.Slot] = true
	}
	var p cxq.Problems
	for _, r := range requiredFileSlots {
		if !have[r.slot] {
			p.Add(cxq.Required("files."+r.slot, r.label))
		}
	}
	return p.Err()
}

// applicationRefs lists the files an application form names; f is the caller's copy
// (its Attachments a slice of its own) that checkRefs stamps.
func applicationRefs(f *ApplicationForm) []fieldRef {
	out := []fieldRef{{"form.org_certificate", &f.OrgCertificate, []string{SlotOrgCertificate}}}
	for i := range f.Attachments {
		out = append(out, fieldRef{fmt.Sprintf("form.attachments[%d]", i), &f.Attachments[i], []string{SlotApplication}})
	}
	return out
}

// fileRefs lists files, each of which may come from one of slots, under field[i]; files
// is the caller's copy that checkRefs stamps.
func fileRefs(field string, files []AttachmentRef, slots ...string) []fieldRef {
	out := make([]fieldRef, len(files))
	for i := range files {
		out[i] = fieldRef{fmt.Sprintf("%s[%d]", field, i), &files[i], slots}
	}
	return out
}
