package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cxqkit/cxq/review"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/export"
)

// export writes the walked record's two printable forms into dir, as the enterprise does
// before signing and stamping them: application.pdf (科技创新券申请表) and redemption.pdf
// (创新券兑现申请表). It prints each path and the verification code on its pages. The
// export time is the demo clock's next reading, so the files are the same on every run on
// a temporary database.
func (w *walk) export(dir string, res result) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names := map[string]string{}
	for _, a := range []voucher.Actor{w.ent, w.provider, w.district, w.pro, w.expert, w.office} {
		names[a.ID] = a.Name
	}
	src := export.Sources{
		Enterprise: w.enterprise,
		Programme:  "天津市科技创新券",
		Exported:   w.clock.now(),
		Reviewer: func(id string) string {
			if n, ok := names[id]; ok {
				return n
			}
			return id
		},
	}

	src.Workflow = review.TianjinApplication()
	app := export.ApplicationFrom(res.Application, src)
	var pdf bytes.Buffer
	if err := export.RenderApplication(&pdf, app, nil); err != nil {
		return fmt.Errorf("application form: %w", err)
	}
	if err := w.writeForm(filepath.Join(dir, "application.pdf"), "科技创新券申请表", pdf.Bytes(), app.Record()); err != nil {
		return err
	}

	src.Workflow = review.TianjinRedemption()
	red := export.RedemptionFrom(res.Redemption, src)
	pdf.Reset()
	if err := export.RenderRedemption(&pdf, red, nil); err != nil {
		return fmt.Errorf("redemption form: %w", err)
	}
	return w.writeForm(filepath.Join(dir, "redemption.pdf"), "创新券兑现申请表", pdf.Bytes(), red.Record())
}

// writeForm writes one rendered form and prints where it went and its verification code.
func (w *walk) writeForm(path, title string, pdf []byte, r export.Record) error {
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(w.out, "exported %s: %s  验证码 / verification code %s\n", title, path, export.Code(r, nil))
	return nil
}
