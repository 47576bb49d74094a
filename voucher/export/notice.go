package export

import (
	"io"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// NoticeList is the printed public notice list (公示名单) of a [voucher.Publication]:
// its period, one row per entry with only the policy's public columns, and the list's
// SHA-256, printed in full under the table and at the start of every page's footer, so
// a printed list can be checked against the one published.
type NoticeList struct {
	ID        string
	Programme string // printed above the title, e.g. "河北省科技创新券"; optional
	Policy    string // the policy version, e.g. "hebei@2016"
	From      time.Time
	Until     time.Time
	Columns   []policy.Column
	Rows      []voucher.NoticeEntry
	Hash      string
	// Location is the zone the period is printed in. Defaults to China Standard Time.
	Location *time.Location
}

// NoticeFrom assembles the printed list of a publication: what the public sees of it
// (no case IDs, no objections).
func NoticeFrom(p voucher.Publication, programme string) *NoticeList {
	pub := p.Public()
	return &NoticeList{ID: pub.ID, Programme: programme, Policy: pub.Policy.String(), From: pub.From, Until: pub.Until,
		Columns: pub.Columns, Rows: pub.Entries, Hash: pub.Hash}
}

func (l *NoticeList) loc() *time.Location {
	if l.Location != nil {
		return l.Location
	}
	return cxq.China()
}

func (l *NoticeList) check(chain *fontChain) error {
	fs := []textField{{"id", l.ID}, {"programme", l.Programme}, {"policy", l.Policy}, {"hash", l.Hash}}
	for _, e := range l.Rows {
		for i, v := range e.Cells(l.Columns) {
			fs = append(fs, textField{"rows." + string(l.Columns[i]), v})
		}
	}
	return checkFields(chain, l.ID, !l.From.IsZero(), fs)
}

// RenderNotice writes l as a PDF to w, dated at the start of its period so that one list
// always gives the same bytes. Bad input (no ID or period, a character the fonts lack)
// is an error matching [cxq.ErrInvalid] and nothing is written.
func RenderNotice(w io.Writer, l *NoticeList, opts *Options) error {
	chain := opts.chain()
	if err := l.check(chain); err != nil {
		return err
	}
	const title = "创新券兑现公示名单"
	d := newPages(chain, l.From, "SHA-256 "+shaPrefix(l.Hash), "公示编号 "+l.ID, title, l.ID)
	layoutNotice(d, l)
	return d.output(w)
}

func layoutNotice(d *doc, l *NoticeList) {
	at := func(t time.Time) string { return t.In(l.loc()).Format("2006年1月2日 15:04") }
	d.heading(l.Programme, "创新券兑现公示名单", "公示编号："+l.ID, "政策："+l.Policy)
	d.row(lbl(labelW, "公示期"), val(fullW, at(l.From)+" 至 "+at(l.Until)))
	d.textBlock("公示说明", "以下兑现申请已通过评审，现予公示。公示期内，任何单位或个人对名单所列事项有异议的，"+
		"可在公示期内就具体序号提出异议并说明理由；公示期满无异议的，予以兑现。")
	widths, header := noticeColumns(l.Columns)
	rows := make([][]cell, 0, len(l.Rows))
	for _, e := range l.Rows {
		r := []cell{{text: strconv.Itoa(e.No), align: 'C'}}
		for i, v := range e.Cells(l.Columns) {
			c := cell{text: v}
			if l.Columns[i] == policy.ColumnAmount {
				c.align = 'R'
			}
			r = append(r, c)
		}
		rows = append(rows, r)
	}
	d.section("公示名单")
	d.table(widths, header, rows)
	d.row(lbl(labelW, "名单校验值"), cell{w: fullW, text: "SHA-256 " + l.Hash, size: smallSize})
}

// noticeColumns gives the table's widths and headings: 序号, then the columns, the
// amount narrower than the names.
func noticeColumns(cols []policy.Column) ([]float64, []string) {
	const noW, amountW = 14.0, 30.0
	names := 0
	for _, c := range cols {
		if c != policy.ColumnAmount {
			names++
		}
	}
	rest := contentW - noW
	if len(cols) > names {
		rest -= amountW
	}
	widths, header := []float64{noW}, []string{"序号"}
	for _, c := range cols {
		w := amountW
		if c != policy.ColumnAmount {
			w = rest / float64(max(names, 1))
		}
		widths, header = append(widths, w), append(header, c.Label().ZH)
	}
	return widths, header
}
