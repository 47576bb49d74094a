package export

// cell is one box of a row: a width in mm, its text, and whether it is a label (shaded).
type cell struct {
	w     float64
	text  string
	label bool
	align byte // 'L' (default), 'C' or 'R'
	size  float64
}

func lbl(w float64, s string) cell { return cell{w: w, text: s, label: true} }
func val(w float64, s string) cell { return cell{w: w, text: s} }
func num(w float64, s string) cell { return cell{w: w, text: s, align: 'R'} }

// row draws cells side by side, as tall as the tallest, starting a new page first if the
// row does not fit. Rows are for short values; long text goes through textBlock.
func (d *doc) row(cells ...cell) {
	wrapped := make([][]string, len(cells))
	h := 0.0
	for i, c := range cells {
		size := c.size
		if size == 0 {
			size = bodySize
		}
		wrapped[i] = d.wrap(c.text, size, c.w-2*cellPad)
		h = max(h, float64(len(wrapped[i]))*lineH+2*cellPad)
	}
	h = max(h, lineH+2*cellPad)
	d.ensure(h)
	x := marginX
	for i, c := range cells {
		size := c.size
		if size == 0 {
			size = bodySize
		}
		style := "D"
		if c.label {
			d.pdf.SetFillColor(labelFill, labelFill, labelFill)
			style = "FD"
		}
		d.pdf.Rect(x, d.y, c.w, h, style)
		for j, ln := range wrapped[i] {
			tx := x + cellPad
			switch c.align {
			case 'R':
				tx = x + c.w - cellPad - d.width(ln, size)
			case 'C':
				tx = x + (c.w-d.width(ln, size))/2
			}
			d.text(tx, d.y+cellPad+float64(j)*lineH+(lineH-size*ptToMM)/2, ln, size)
		}
		x += c.w
	}
	d.y += h
}

// section draws a shaded heading row across the page, kept with at least one row after it.
func (d *doc) section(title string) {
	h := lineH + 2*cellPad
	d.ensure(2 * h)
	d.pdf.SetFillColor(sectionFill, sectionFill, sectionFill)
	d.pdf.Rect(marginX, d.y, contentW, h, "FD")
	d.text(marginX+cellPad, d.y+cellPad+(lineH-bodySize*ptToMM)/2, title, bodySize)
	d.y += h
}

// textBlock draws a labelled block of long text across the page width, continuing on as
// many pages as it needs; each page's part is boxed, and a continuation repeats the label.
func (d *doc) textBlock(label, text string) {
	d.section(label)
	lines := d.wrap(text, bodySize, contentW-2*cellPad)
	for len(lines) > 0 {
		room := int((bodyBottom - d.y - 2*cellPad) / lineH)
		if room < 1 {
			d.newPage()
			d.section(label + continuedLabel)
			continue
		}
		n := min(room, len(lines))
		h := float64(n)*lineH + 2*cellPad
		d.pdf.Rect(marginX, d.y, contentW, h, "D")
		for i, ln := range lines[:n] {
			d.text(marginX+cellPad, d.y+cellPad+float64(i)*lineH+(lineH-bodySize*ptToMM)/2, ln, bodySize)
		}
		d.y += h
		lines = lines[n:]
		if len(lines) > 0 {
			d.newPage()
			d.section(label + continuedLabel)
		}
	}
}

// table draws a header row and data rows, repeating the header on each new page.
func (d *doc) table(widths []float64, header []string, rows [][]cell) {
	head := func() {
		cs := make([]cell, len(header))
		for i, h := range header {
			cs[i] = cell{w: widths[i], text: h, label: true, align: 'C'}
		}
		d.row(cs...)
	}
	head()
	for _, r := range rows {
		for i := range r {
			r[i].w = widths[i]
		}
		before := d.pdf.PageNo()
		h := d.rowHeight(r)
		if d.ensure(h) && d.pdf.PageNo() != before {
			head()
		}
		d.row(r...)
	}
}

func (d *doc) rowHeight(cells []cell) float64 {
	h := lineH + 2*cellPad
	for _, c := range cells {
		size := c.size
		if size == 0 {
			size = bodySize
		}
		h = max(h, float64(len(d.wrap(c.text, size, c.w-2*cellPad)))*lineH+2*cellPad)
	}
	return h
}

// signatures draws the 签字 and 盖章 boxes side by side, each with a date line.
func (d *doc) signatures(signer, stamp string) {
	const h = 46.0
	d.y += 4
	d.ensure(h)
	half := contentW / 2
	for i, label := range []string{signer, stamp} {
		x := marginX + float64(i)*half
		d.pdf.Rect(x, d.y, half, h, "D")
		d.text(x+3, d.y+3, label, bodySize)
		if i == 1 {
			d.pdf.SetDash(1.2)
			d.pdf.Circle(x+half/2, d.y+22, 15)
			d.pdf.SetDash(0)
		}
		d.text(x+half-62, d.y+h-9, "日期：        年        月        日", bodySize)
	}
	d.y += h
}
