package attachment

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/cxqkit/cxq"
)

// Bounds of a DOCX archive.
const (
	DOCXMaxEntries      = 1000
	DOCXMaxUncompressed = 50 * MB
	DOCXMaxRatio        = 100
	docxMaxFlags        = 20
)

func checkDOCX(slot Slot, data []byte) ([]Flag, *cxq.FieldError) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return nil, errUnreadable(slot, DOCX, err.Error())
	}
	if len(zr.File) > DOCXMaxEntries {
		return nil, errUnsafe(slot, ReasonBomb, fmt.Sprintf("%d entries", len(zr.File)))
	}
	seen := make(map[string]bool, len(zr.File))
	var total uint64
	for _, f := range zr.File {
		if fe := checkEntry(slot, f, seen); fe != nil {
			return nil, fe
		}
		total += f.UncompressedSize64
		if total > DOCXMaxUncompressed {
			return nil, errUnsafe(slot, ReasonBomb, fmt.Sprintf("more than %d bytes uncompressed", DOCXMaxUncompressed))
		}
	}
	if !seen["[content_types].xml"] || !seen["word/document.xml"] {
		return nil, errUnreadable(slot, DOCX, "no [Content_Types].xml or word/document.xml")
	}
	p := &docxPolicy{slot: slot}
	for _, f := range zr.File {
		if fe := p.part(f); fe != nil {
			return nil, fe
		}
	}
	return p.flags, nil
}

// checkEntry refuses unsafe names, symlinks, macros, encryption, duplicates and
// compression ratios over the bound, judged on the declared sizes.
func checkEntry(slot Slot, f *zip.File, seen map[string]bool) *cxq.FieldError {
	name := f.Name
	if unsafeEntryName(name) {
		return errUnsafe(slot, ReasonPath, name)
	}
	if f.Mode()&fs.ModeSymlink != 0 {
		return errUnsafe(slot, ReasonSymlink, name)
	}
	if f.Flags&0x1 != 0 {
		return errUnsafe(slot, ReasonEncrypted, name)
	}
	if strings.EqualFold(path.Base(name), "vbaProject.bin") || strings.EqualFold(path.Ext(name), ".bin") && strings.Contains(strings.ToLower(name), "vba") {
		return errUnsafe(slot, ReasonMacro, name)
	}
	key := strings.ToLower(name)
	if seen[key] {
		return errUnsafe(slot, ReasonDuplicate, name)
	}
	seen[key] = true
	if f.UncompressedSize64 > 0 && (f.CompressedSize64 == 0 || f.UncompressedSize64/f.CompressedSize64 > DOCXMaxRatio) {
		return errUnsafe(slot, ReasonBomb, fmt.Sprintf("%s: ratio over %d", name, DOCXMaxRatio))
	}
	return nil
}

func unsafeEntryName(name string) bool {
	if name == "" || strings.ContainsAny(name, "\\\x00") || strings.HasPrefix(name, "/") {
		return true
	}
	if len(name) >= 2 && name[1] == ':' {
		return true // a drive letter
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return true
		}
	}
	return false
}

// readEntry inflates an entry in full into w, never past its declared size (archive/zip
// refuses an entry longer than declared and checks the CRC), so a lying header cannot
// hide a bomb.
func readEntry(slot Slot, f *zip.File, w io.Writer) *cxq.FieldError {
	if f.Mode().IsDir() {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return errUnreadable(slot, DOCX, f.Name+": "+err.Error())
	}
	defer rc.Close()
	n, err := io.Copy(w, io.LimitReader(rc, int64(f.UncompressedSize64)+1))
	if err != nil {
		return errUnreadable(slot, DOCX, f.Name+": "+err.Error())
	}
	if uint64(n) != f.UncompressedSize64 {
		return errUnreadable(slot, DOCX, f.Name+": size differs from its header")
	}
	return nil
}

// docxRel is one relationship of a .rels part.
type docxRel struct {
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
	Mode   string `xml:"TargetMode,attr"`
}

func parseRels(body []byte) ([]docxRel, error) {
	var rels struct {
		Rel []docxRel `xml:"Relationship"`
	}
	if err := xml.Unmarshal(body, &rels); err != nil {
		return nil, err
	}
	return rels.Rel, nil
}
