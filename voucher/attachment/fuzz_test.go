package attachment_test

import (
	"bytes"
	"testing"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/attachment"
	"github.com/stretchr/testify/require"
)

// FuzzCheck feeds arbitrary bytes under each extension: no panic, refusals are field
// errors, and anything accepted is accepted again.
func FuzzCheck(f *testing.F) {
	f.Add(uint8(0), makeJPEG(f, 8, 8))
	f.Add(uint8(1), makePNG(f, 8, 8))
	f.Add(uint8(2), pdfWith("/OpenAction [3 0 R /Fit]"))
	f.Add(uint8(2), pdfWith("", stream("<< /Type /ObjStm /Filter /FlateDecode /Length %d >>", deflate([]byte("<< /J#53 1 >>")))))
	f.Add(uint8(3), wordDoc(0))
	f.Add(uint8(4), makeDOCX(f))
	f.Add(uint8(4), makeDOCX(f, zipEntry{name: "word/_rels/settings.xml.rels", data: []byte(externalRels)}))
	f.Add(uint8(2), pngHeaderOnly(30000, 30000))
	names := []string{"f.jpg", "f.png", "f.pdf", "f.doc", "f.docx"}
	s := attachment.Slot{Name: "fuzz", Label: cxq.T("附件", "attachment"), Limit: 256 << 10, Types: attachment.Types()}
	c := attachment.NewChecker(&attachment.Options{MaxPixels: 1 << 20, NewID: seqIDs()})
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		name := names[int(kind)%len(names)]
		file, err := c.Check(s, name, bytes.NewReader(data))
		if err != nil {
			require.ErrorIs(t, err, cxq.ErrInvalid)
			return
		}
		require.LessOrEqual(t, file.Size, s.Limit)
		again, err := c.Check(s, file.Name, file.Reader())
		require.NoError(t, err, "accepted content must pass again")
		require.Equal(t, file.Type, again.Type)
	})
}
