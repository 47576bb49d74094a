package attachment_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/attachment"
)

// examplePNG draws a small receipt-like image.
func examplePNG() []byte {
	img := image.NewGray(image.Rect(0, 0, 120, 80))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for x := 10; x < 110; x++ {
		img.SetGray(x, 40, color.Gray{})
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}

func ExampleDefaultSlots() {
	for _, s := range attachment.DefaultSlots() {
		types := make([]string, len(s.Types))
		for i, t := range s.Types {
			types[i] = t.Label()
		}
		fmt.Printf("%s %s %s optional=%v\n", s.Label.ZH, s.LimitText(), strings.Join(types, "/"), s.Optional)
	}
	// Output:
	// 组织机构代码证 1 MB JPG/PNG/PDF optional=false
	// 相关附件 2 MB JPG/PDF optional=false
	// 发票扫描件 1 MB JPG/PNG/PDF optional=false
	// 合同扫描件 5 MB DOC/DOCX/PDF optional=false
	// 服务结果证明 1 MB JPG/PNG/PDF optional=true
	// 项目实施情况总结 1 MB JPG/PNG/PDF optional=false
	// 银行打款回单 1 MB JPG/PNG/PDF optional=false
}

func ExampleChecker_Check() {
	slot, _ := attachment.DefaultSlots().Get(attachment.SlotBankReceipt)
	c := attachment.NewChecker(&attachment.Options{NewID: func() (string, error) { return "r0001", nil }})
	f, err := c.Check(slot, " 银行回单.PNG ", bytes.NewReader(examplePNG()))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.ID, f.Name, f.Type, f.Type.MediaType(), f.Size == int64(len(f.Content)), len(f.SHA256))
	// Output:
	// r0001 银行回单.PNG png image/png true 64
}

func ExampleCheck_refused() {
	slot, _ := attachment.DefaultSlots().Get(attachment.SlotInvoiceScan)
	_, err := attachment.Check(slot, "发票.pdf", bytes.NewReader(examplePNG()))
	var fe *cxq.FieldError
	if errors.As(err, &fe) {
		fmt.Println(errors.Is(err, cxq.ErrInvalid), fe.Code, fe.Params["ext"], fe.Params["detected"])
		fmt.Println(fe.Message(cxq.ZH))
		fmt.Println(fe.Message(cxq.EN))
	}
	// Output:
	// true file_type_mismatch pdf png
	// 发票扫描件的扩展名 .pdf 与文件内容（PNG）不符
	// the invoice scan has the extension .pdf but its content is PNG
}

func ExampleChecker_Store() {
	ctx := context.Background()
	blobs := attachment.NewMemoryBlobs()
	slot, _ := attachment.DefaultSlots().Get(attachment.SlotOrgCertificate)
	c := attachment.NewChecker(&attachment.Options{NewID: func() (string, error) { return "cert01", nil }})

	a, err := c.Store(ctx, blobs, slot, "证书.png", bytes.NewReader(examplePNG()))
	if err != nil {
		fmt.Println(err)
		return
	}
	info, _ := blobs.Stat(ctx, a.ID)
	fmt.Println(a.ID, a.Slot, info.Size == a.Size)

	// A refused upload stores nothing.
	_, err = c.Store(ctx, blobs, slot, "证书.exe", strings.NewReader("MZ"))
	fmt.Println(errors.Is(err, cxq.ErrInvalid))
	// Output:
	// cert01 org_certificate true
	// true
}

func ExampleCheckDuplicates() {
	scan := "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	err := attachment.CheckDuplicates([]attachment.Use{
		{Field: "invoices[0].scan", Owner: "12000000000012345678", SHA256: scan},
		{Field: "invoices[1].scan", Owner: "12000000000087654321", SHA256: scan},
	})
	var ve *cxq.ValidationError
	if errors.As(err, &ve) {
		fe := ve.Errors[0]
		fmt.Println(fe.Field, fe.Code)
		fmt.Println(fe.Message(cxq.ZH))
	}
	// Output:
	// invoices[1].scan file_duplicate
	// 同一文件已用于 12000000000012345678，不能再用于 12000000000087654321
}
