package attachment_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/attachment"
)

// linkPDF is a one-page PDF whose only annotation runs action.
func linkPDF(action string) []byte {
	return []byte("%PDF-1.7\n" +
		"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
		"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
		"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >> endobj\n" +
		"4 0 obj << /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A " + action + " >> endobj\n" +
		"trailer << /Root 1 0 R >>\n%%EOF\n")
}

// A portal checks uploads with a deadline and a few checks at a time; a link to another
// document on a network share is refused, and a web link is refused too unless the slot
// allows links, when it is flagged for the reviewer.
func ExampleChecker_CheckContext() {
	c := attachment.NewChecker(&attachment.Options{MaxConcurrent: 2, NewID: func() (string, error) { return "c0001", nil }})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	slot, _ := attachment.DefaultSlots().Get(attachment.SlotContractScan)

	_, err := c.CheckContext(ctx, slot, "合同.pdf", bytes.NewReader(linkPDF(`<< /S /GoToR /F (\\\\host\\share\\a.pdf) /D [0 /Fit] >>`)))
	var fe *cxq.FieldError
	if errors.As(err, &fe) {
		fmt.Println(fe.Code, fe.Params["reason"], fe.Params["detail"])
		fmt.Println(fe.Message(cxq.ZH))
	}

	web := linkPDF("<< /S /URI /URI (https://kjj.example.gov.cn/) >>")
	_, err = c.CheckContext(ctx, slot, "合同.pdf", bytes.NewReader(web))
	fmt.Println(errors.As(err, &fe), fe.Params["detail"])

	slot.AllowLinks = true
	f, err := c.CheckContext(ctx, slot, "合同.pdf", bytes.NewReader(web))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.ID, f.Flags[0].Code, f.Flags[0].Message(cxq.EN))
	// Output:
	// file_unsafe active_content /GoToR
	// 合同扫描件不安全：文档含可执行内容（/GoToR）
	// true /URI
	// c0001 link the document holds a link to https://kjj.example.gov.cn/
}
