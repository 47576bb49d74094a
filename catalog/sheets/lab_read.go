package sheets

import (
	"io"
	"os"
	"strings"

	"github.com/cxqkit/cxq/catalog"
)

// labColumns are the columns of a lab list. Region, name and legal entity are required;
// without an id column each lab's ID is derived from its region, name and legal entity
// ("lab-" and 16 hex digits), so it is stable as long as those are.
func labColumns() []column {
	return []column{
		{key: "id", names: []string{"编号", "序号", "实验室编号"}},
		{key: "region", names: []string{"地区", "所在地区", "省份"}, required: true},
		{key: "name", names: []string{"实验室名称", "名称", "开放实验室名称"}, required: true},
		{key: "legal_entity", names: []string{"法人单位", "依托单位"}, required: true},
		{key: "contact", names: []string{"联系人"}},
		{key: "phone", names: []string{"联系电话", "电话"}},
		{key: "kind", names: []string{"类型", "实验室类型", "类别"}},
		{key: "services", names: []string{"服务内容", "服务项目"}},
		{key: "batch", names: []string{"批次"}},
	}
}

// ReadLabs reads a lab list in the given format (CSV, JSON or XLSX; see [Format]).
//
// Headers are matched in English or Chinese, in any order; unknown columns are ignored:
// id/编号, region/地区, name/实验室名称/名称, legal_entity/法人单位, contact/联系人,
// phone/联系电话, kind/类型, services/服务内容 (several, one per line or separated by
// ";"), batch/批次. Regions and kinds are parsed with [ParseRegion] and [ParseLabKind]
// and each lab is checked with [Lab.Validate]; a repeated ID is a problem too. Blank
// rows are skipped. Each lab gets opts.Source (default "official"); a name or legal
// entity printed cut short (ending in "..." or "…") is kept as it is and named in
// Lab.Truncated.
//
// Every problem is reported at once, each with its row and column. By default any
// problem rejects the list: ReadLabs returns a *ReadError listing them all and no labs.
// With opts.Lenient it returns the valid labs and the problems as warnings. A missing
// required column, a malformed file and an input over a limit (*LimitError) fail in
// both modes. Errors match cxq.ErrInvalid.
func ReadLabs(r io.Reader, format Format, opts *ReadOptions) ([]catalog.Lab, []Problem, error) {
	o := opts.withDefaults()
	return readList(r, format, &o, labColumns(), func(c rowCells) (catalog.Lab, string, error) {
		l := labFromRow(c, o)
		return l, l.ID, l.Validate()
	})
}

// ReadLabsFile reads the lab list at path, in the format its extension names
// (.csv, .json, .xlsx); see [ReadLabs].
func ReadLabsFile(path string, opts *ReadOptions) ([]catalog.Lab, []Problem, error) {
	format, err := FormatOf(path)
	if err != nil {
		return nil, nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return ReadLabs(f, format, opts)
}

func labFromRow(c rowCells, o ReadOptions) catalog.Lab {
	l := catalog.Lab{
		ID:          c.get("id"),
		Name:        c.get("name"),
		LegalEntity: c.get("legal_entity"),
		Contact:     c.get("contact"),
		Phone:       c.get("phone"),
		Services:    splitList(c.get("services"), false),
		Batch:       c.get("batch"),
		Source:      o.Source,
	}
	if l.Batch == "" {
		l.Batch = o.Batch
	}
	raw := c.get("region")
	if reg, err := catalog.ParseRegion(raw); err == nil {
		l.Region = reg
	} else {
		l.Region = catalog.Region(raw) // Validate reports it with the accepted values
	}
	if raw := c.get("kind"); raw != "" {
		if k, err := catalog.ParseLabKind(raw); err == nil {
			l.Kind = k
		} else {
			l.Kind = catalog.LabKind(raw)
		}
	}
	if cutShort(l.Name) {
		l.Truncated = append(l.Truncated, "name")
	}
	if cutShort(l.LegalEntity) {
		l.Truncated = append(l.Truncated, "legal_entity")
	}
	if !c.has("id") {
		l.ID = catalog.DeriveLabID(l.Region, l.Name, l.LegalEntity)
	}
	return l
}

// cutShort reports text a list printed cut short, ending in "..." or "…".
func cutShort(s string) bool {
	return strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…")
}
