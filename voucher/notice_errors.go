package voucher

import (
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
)

// The refusals of the public notice (公示), each a *cxq.FieldError (it matches
// cxq.ErrInvalid) with its code and Chinese and English message.

func noticeErr(field, code string, params map[string]string, msg cxq.Text) error {
	var p cxq.Problems
	p.Add(cxq.NewFieldError(field, code, params, msg))
	return p.Err()
}

func chinaTime(t time.Time) string { return t.In(cxq.China()).Format("2006-01-02 15:04") }

// noticeClosed refuses an objection once the list's period has ended or it is closed.
func noticeClosed(until time.Time) error {
	return noticeErr("publication", CodeNoticeClosed, map[string]string{"until": chinaTime(until)},
		cxq.T("公示期已于 {until} 结束，不再受理异议", "the notice period ended at {until}; objections are no longer accepted"))
}

// noticeStillOpen refuses closing a list before its period ends.
func noticeStillOpen(until time.Time) error {
	return noticeErr("publication", CodeNoticeOpen, map[string]string{"until": chinaTime(until)},
		cxq.T("公示期至 {until} 结束，期满前不能结束公示", "the notice period lasts until {until}; it cannot be closed before"))
}

// notNoticeable refuses publishing a redemption that awaits no public notice.
func notNoticeable(field string) error {
	return noticeErr(field, CodeNotNoticeable, nil,
		cxq.T("该兑现申请不在待公示状态", "this redemption does not await public notice"))
}

// noticeMixed refuses one list of redemptions under different policies.
func noticeMixed(field string) error {
	return noticeErr(field, CodeNoticeMixed, nil,
		cxq.T("同一批公示须为同一政策下的兑现申请", "one list publishes redemptions under one policy"))
}

// noticeEntry refuses an objection to an entry the list lacks.
func noticeEntry() error {
	return noticeErr("entry", CodeNoticeEntry, nil, cxq.T("公示名单中没有该序号", "the list has no such entry"))
}

// noticeNotHeld refuses deciding a redemption no objection holds.
func noticeNotHeld() error {
	return noticeErr("id", CodeNoticeNotHeld, nil,
		cxq.T("该兑现申请未因公示异议暂缓", "this redemption is not held by an objection"))
}

// noticeNoEntries refuses an empty list, or one longer than MaxNoticeEntries.
func noticeNoEntries() error {
	return noticeErr("redemptions", CodeNoticeNoEntry, map[string]string{"max": strconv.Itoa(MaxNoticeEntries)},
		cxq.T("每批公示须有 1 至 {max} 个兑现申请", "a list publishes 1 to {max} redemptions"))
}
