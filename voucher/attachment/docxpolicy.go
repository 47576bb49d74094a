package attachment

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"

	"github.com/cxqkit/cxq"
)

// docxPolicy judges the parts of a DOCX one by one: macros in the content types,
// external relationship targets (flagged), and the objects a slot refuses or flags
// ([Slot.FlagObjects]): embedded OLE objects, ActiveX controls and DDE fields.
type docxPolicy struct {
	slot  Slot
	flags []Flag
}

// Relationship types and content types of embedded OLE objects and ActiveX controls.
var (
	docxEmbeddedMarks = []string{"/oleobject", "officedocument.oleobject"}
	docxActiveXMarks  = []string{"/control", "/activexcontrolbinary", "ms-office.activex"}
)

func (p *docxPolicy) part(f *zip.File) *cxq.FieldError {
	lower := strings.ToLower(f.Name)
	switch {
	case strings.HasPrefix(lower, "word/activex/"):
		if fe := p.object(ReasonActiveX, FlagActiveX, f.Name, ""); fe != nil {
			return fe
		}
	case strings.HasPrefix(lower, "word/embeddings/") && (strings.HasSuffix(lower, ".bin") || strings.Contains(lower, "oleobject")):
		if fe := p.object(ReasonEmbedded, FlagEmbeddedObject, f.Name, ""); fe != nil {
			return fe
		}
	}
	switch {
	case lower == "[content_types].xml" || strings.HasSuffix(lower, ".rels"):
		var buf bytes.Buffer
		if fe := readEntry(p.slot, f, &buf); fe != nil {
			return fe
		}
		if lower == "[content_types].xml" {
			return p.contentTypes(f.Name, buf.Bytes())
		}
		return p.rels(f.Name, buf.Bytes())
	case strings.HasPrefix(lower, "word/") && strings.HasSuffix(lower, ".xml"):
		return p.fields(f)
	}
	return readEntry(p.slot, f, io.Discard)
}

func (p *docxPolicy) contentTypes(name string, body []byte) *cxq.FieldError {
	low := bytes.ToLower(body)
	if bytes.Contains(low, []byte("vbaproject")) || bytes.Contains(low, []byte("macroenabled")) {
		return errUnsafe(p.slot, ReasonMacro, name)
	}
	return nil
}

func (p *docxPolicy) rels(name string, body []byte) *cxq.FieldError {
	rels, err := parseRels(body)
	if err != nil {
		return errUnreadable(p.slot, DOCX, name+": "+err.Error())
	}
	for _, r := range rels {
		typ := strings.ToLower(r.Type)
		var fe *cxq.FieldError
		switch {
		case containsAny(typ, docxEmbeddedMarks):
			fe = p.object(ReasonEmbedded, FlagEmbeddedObject, name, r.Target)
		case containsAny(typ, docxActiveXMarks):
			fe = p.object(ReasonActiveX, FlagActiveX, name, r.Target)
		}
		if fe != nil {
			return fe
		}
		if strings.EqualFold(r.Mode, "External") {
			p.flag(Flag{Code: FlagExternalTarget, Params: map[string]string{"part": name, "target": r.Target}})
		}
	}
	return nil
}

// fields streams a WordprocessingML part through the field scanner.
func (p *docxPolicy) fields(f *zip.File) *cxq.FieldError {
	s := &fieldScanner{state: 't'}
	if fe := readEntry(p.slot, f, s); fe != nil {
		return fe
	}
	s.finish()
	switch {
	case s.tooLong:
		return errUnsafe(p.slot, ReasonBudget, f.Name+": a tag longer than 64 KiB")
	case s.found != "":
		return p.object(ReasonDDE, FlagDDE, f.Name, s.found)
	}
	return nil
}

// object refuses the file, or flags the object when the slot allows it.
func (p *docxPolicy) object(reason, flag, part, detail string) *cxq.FieldError {
	if !p.slot.FlagObjects {
		if detail != "" {
			part += ": " + detail
		}
		return errUnsafe(p.slot, reason, part)
	}
	params := map[string]string{"part": part}
	if flag == FlagDDE {
		params["field"] = detail
	}
	p.flag(Flag{Code: flag, Params: params})
	return nil
}

func (p *docxPolicy) flag(f Flag) {
	if len(p.flags) < docxMaxFlags {
		p.flags = append(p.flags, f)
	}
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
