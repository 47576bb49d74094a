package attachment

import (
	"strconv"

	"github.com/cxqkit/cxq"
)

// Codes of the errors Check returns. Every error is a *cxq.FieldError whose Field is empty
// (the caller names the field, e.g. with cxq.Problems.AddErr) and whose params always hold
// slot, label_zh and label_en.
const (
	CodeEmpty          = "file_empty"            // the file has no bytes
	CodeTooLarge       = "file_too_large"        // params: limit (bytes), limit_text ("1 MB")
	CodeBadName        = "file_name_invalid"     // params: reason (a Reason* value), reason_zh, reason_en
	CodeTypeNotAllowed = "file_type_not_allowed" // params: ext, allowed ("JPG/PNG/PDF")
	CodeTypeMismatch   = "file_type_mismatch"    // params: ext, detected (a type or "unknown"), detected_zh, detected_en
	CodeUnsafe         = "file_unsafe"           // params: reason, detail, reason_zh, reason_en
	CodeUnreadable     = "file_unreadable"       // params: type, detail
	CodeDuplicate      = "file_duplicate"        // params: sha256, first, second, first_field
)

// Reasons given in the params of CodeBadName and CodeUnsafe.
const (
	ReasonNameEmpty     = "empty"           // nothing left after trimming
	ReasonNameTooLong   = "too_long"        // more than 255 bytes after NFC normalisation
	ReasonNameEncoding  = "bad_utf8"        // not valid UTF-8
	ReasonNameControl   = "control"         // a control character, NUL included
	ReasonNameSeparator = "separator"       // '/' or '\'
	ReasonNameBidi      = "bidi"            // a bidirectional override such as U+202E
	ReasonNameDots      = "dots"            // "." or ".." or only dots
	ReasonPixels        = "too_many_pixels" // detail: WxH
	ReasonActive        = "active_content"  // detail: the PDF name, e.g. "/JavaScript"
	ReasonEncrypted     = "encrypted"       // PDF or ZIP encryption
	ReasonObjectStream  = "object_stream"   // a PDF object stream that cannot be inspected
	ReasonBomb          = "decompression"   // entries, total size or ratio over the bounds
	ReasonPath          = "unsafe_path"     // detail: the ZIP entry name
	ReasonSymlink       = "symlink"         // detail: the ZIP entry name
	ReasonMacro         = "macro"           // detail: the part holding the VBA project
	ReasonDuplicate     = "duplicate_entry" // detail: the ZIP entry name
	ReasonBudget        = "work_budget"     // detail: which budget (parse, scans, decode memory)
	ReasonEmbedded      = "embedded_object" // detail: the part or storage holding an OLE object
	ReasonActiveX       = "activex"         // detail: the part holding the control
	ReasonDDE           = "dde_field"       // detail: the part and field code
	ReasonLayout        = "not_word"        // detail: what the compound file holds instead
)

var reasonText = map[string]cxq.Text{
	ReasonNameEmpty:     cxq.T("文件名为空", "the name is empty"),
	ReasonNameTooLong:   cxq.T("文件名超过 255 字节", "the name is longer than 255 bytes"),
	ReasonNameEncoding:  cxq.T("文件名编码无效", "the name is not valid UTF-8"),
	ReasonNameControl:   cxq.T("文件名含控制字符", "the name contains a control character"),
	ReasonNameSeparator: cxq.T("文件名含路径分隔符", "the name contains a path separator"),
	ReasonNameBidi:      cxq.T("文件名含文字方向控制符", "the name contains a bidirectional control character"),
	ReasonNameDots:      cxq.T("文件名只有句点", "the name consists of dots only"),
	ReasonPixels:        cxq.T("图像像素过多", "the image has too many pixels"),
	ReasonActive:        cxq.T("文档含可执行内容", "the document holds active content"),
	ReasonEncrypted:     cxq.T("文件已加密", "the file is encrypted"),
	ReasonObjectStream:  cxq.T("文档含无法检查的对象流", "the document holds an object stream that cannot be inspected"),
	ReasonBomb:          cxq.T("压缩内容超出限制", "the compressed content exceeds the bounds"),
	ReasonPath:          cxq.T("压缩包含不安全的路径", "the archive holds an unsafe path"),
	ReasonSymlink:       cxq.T("压缩包含符号链接", "the archive holds a symbolic link"),
	ReasonMacro:         cxq.T("文档含宏", "the document holds macros"),
	ReasonDuplicate:     cxq.T("压缩包含重复条目", "the archive holds a duplicate entry"),
	ReasonBudget:        cxq.T("文件结构超出检查限度", "the file's structure exceeds what the check will examine"),
	ReasonEmbedded:      cxq.T("文档含嵌入对象", "the document holds an embedded object"),
	ReasonActiveX:       cxq.T("文档含 ActiveX 控件", "the document holds an ActiveX control"),
	ReasonDDE:           cxq.T("文档含 DDE 域", "the document holds a DDE field"),
	ReasonLayout:        cxq.T("文件不是 Word 文档", "the file is not a Word document"),
}

// ReasonText returns the Chinese and English wording of a reason code.
func ReasonText(reason string) cxq.Text {
	if t, ok := reasonText[reason]; ok {
		return t
	}
	return cxq.T(reason, reason)
}

func slotParams(s Slot, kv ...string) map[string]string {
	p := map[string]string{"slot": string(s.Name), "label_zh": s.Label.ZH, "label_en": s.Label.EN}
	for i := 0; i+1 < len(kv); i += 2 {
		p[kv[i]] = kv[i+1]
	}
	return p
}

func errEmpty(s Slot) *cxq.FieldError {
	return cxq.NewFieldError("", CodeEmpty, slotParams(s),
		cxq.T("{label_zh}文件为空", "the {label_en} file is empty"))
}

func errTooLarge(s Slot) *cxq.FieldError {
	return cxq.NewFieldError("", CodeTooLarge,
		slotParams(s, "limit", strconv.FormatInt(s.Limit, 10), "limit_text", s.LimitText()),
		cxq.T("{label_zh}不得超过 {limit_text}", "the {label_en} must be at most {limit_text}"))
}

func errName(s Slot, reason string) *cxq.FieldError {
	rt := ReasonText(reason)
	return cxq.NewFieldError("", CodeBadName,
		slotParams(s, "reason", reason, "reason_zh", rt.ZH, "reason_en", rt.EN),
		cxq.T("{label_zh}文件名无效：{reason_zh}", "the {label_en} file name is invalid: {reason_en}"))
}

func errNotAllowed(s Slot, ext string) *cxq.FieldError {
	return cxq.NewFieldError("", CodeTypeNotAllowed,
		slotParams(s, "ext", ext, "allowed", typeList(s.Types)),
		cxq.T("{label_zh}仅限 {allowed} 格式", "the {label_en} must be a {allowed} file"))
}

func errMismatch(s Slot, ext string, detected Type) *cxq.FieldError {
	d, zh, en := string(detected), detected.Label(), detected.Label()
	if d == "" {
		d, zh, en = "unknown", "无法识别的格式", "of no known type"
	}
	return cxq.NewFieldError("", CodeTypeMismatch, slotParams(s, "ext", ext, "detected", d, "detected_zh", zh, "detected_en", en),
		cxq.T("{label_zh}的扩展名 .{ext} 与文件内容（{detected_zh}）不符",
			"the {label_en} has the extension .{ext} but its content is {detected_en}"))
}

func errUnsafe(s Slot, reason, detail string) *cxq.FieldError {
	rt := ReasonText(reason)
	return cxq.NewFieldError("", CodeUnsafe,
		slotParams(s, "reason", reason, "detail", detail, "reason_zh", rt.ZH, "reason_en", rt.EN),
		cxq.T("{label_zh}不安全：{reason_zh}（{detail}）", "the {label_en} is unsafe: {reason_en} ({detail})"))
}

func errUnreadable(s Slot, t Type, detail string) *cxq.FieldError {
	return cxq.NewFieldError("", CodeUnreadable, slotParams(s, "type", t.Label(), "detail", detail),
		cxq.T("{label_zh}无法识别为有效的 {type} 文件", "the {label_en} is not a readable {type} file"))
}
