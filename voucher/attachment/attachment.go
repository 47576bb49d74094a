package attachment

import (
	"bytes"
	"io"

	"github.com/cxqkit/cxq"
)

// Attachment is the record of an accepted, stored file. It never holds the content.
type Attachment struct {
	ID     string   `json:"id"`              // generated; the blob is stored under it
	Slot   SlotName `json:"slot"`            // the slot it was uploaded to
	Name   string   `json:"name"`            // sanitised display name; metadata only
	Type   Type     `json:"type"`            // detected (and agreed) type
	Size   int64    `json:"size"`            // size in bytes of the stored content
	SHA256 string   `json:"sha256"`          // lower-case hex SHA-256 of the stored content
	Flags  []Flag   `json:"flags,omitempty"` // findings that do not refuse the file
}

// Flag is a finding a reviewer should see but that does not refuse the file, such as an
// external relationship target in a DOCX.
type Flag struct {
	Code   string            `json:"code"`   // e.g. FlagExternalTarget
	Params map[string]string `json:"params"` // e.g. {"target": "http://…", "part": "word/_rels/document.xml.rels"}
}

// Flag codes.
const (
	// FlagExternalTarget: a DOCX relationship points outside the package (params: part, target).
	FlagExternalTarget = "external_target"
	// FlagLink: a PDF link action in a slot that allows links (params: target).
	FlagLink = "link"
	// FlagEmbeddedObject: an embedded OLE object in a Word file (params: part).
	FlagEmbeddedObject = "embedded_object"
	// FlagActiveX: an ActiveX control in a Word file (params: part).
	FlagActiveX = "activex"
	// FlagDDE: a DDE or DDEAUTO field in a Word file (params: part, field).
	FlagDDE = "dde_field"
)

// Message renders the flag in lang.
func (f Flag) Message(lang cxq.Lang) string {
	var t cxq.Text
	switch f.Code {
	case FlagExternalTarget:
		t = cxq.T("文档引用外部资源 {target}", "the document refers to the external resource {target}")
	case FlagLink:
		t = cxq.T("文档含链接 {target}", "the document holds a link to {target}")
	case FlagEmbeddedObject:
		t = cxq.T("文档含嵌入对象 {part}", "the document holds an embedded object {part}")
	case FlagActiveX:
		t = cxq.T("文档含 ActiveX 控件 {part}", "the document holds an ActiveX control {part}")
	case FlagDDE:
		t = cxq.T("文档含 DDE 域 {field}", "the document holds a DDE field {field}")
	default:
		t = cxq.T(f.Code, f.Code)
	}
	return t.Fill(f.Params).In(lang)
}

// File is an accepted upload: its record and the bytes to store. For images the content
// is the re-encoded image, not the bytes received; for other types it is the bytes
// received. Its length never exceeds the slot limit.
type File struct {
	Attachment
	Content []byte
}

// Reader returns a reader over the content.
func (f *File) Reader() io.Reader { return bytes.NewReader(f.Content) }
