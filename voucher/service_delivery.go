package voucher

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

var (
	labelDeclineReason   = cxq.T("拒绝原因", "reason for declining")
	labelDeliveryDate    = cxq.T("交付日期", "delivery date")
	labelDeliveryContent = cxq.T("交付内容", "what was delivered")
	labelComment         = cxq.T("评价意见", "comment")
)

// checkReason checks the reason of a confirmation: required when declining, none when
// confirming.
func (in ConfirmOrderParams) checkReason() error {
	var p cxq.Problems
	if in.Confirm {
		if in.Reason != "" {
			p.Add(cxq.NewFieldError("reason", cxq.CodeInvalid, nil,
				cxq.T("确认订单无需填写拒绝原因", "a confirmation takes no reason for declining")))
		}
		return p.Err()
	}
	p.Add(cxq.CheckText("reason", labelDeclineReason, in.Reason, cxq.TextRule{Required: true, Max: MaxNote}))
	return p.Err()
}

// validate checks a delivery of an order placed at placed, recorded at now. The day
// delivered lies between the day the order was placed and today (China time): the
// service follows its order (事前申请事后兑现), so an earlier day, such as a mistyped
// 1900, is refused with cxq.CodeOutOfRange (params: min, the day of the order).
func (in RecordDeliveryParams) validate(now, placed time.Time) error {
	var p cxq.Problems
	switch first := chinaDay(placed); {
	case in.Date.IsZero():
		p.Add(cxq.Required("date", labelDeliveryDate))
	case in.Date.After(now):
		p.Add(cxq.NewFieldError("date", cxq.CodeInvalid, nil,
			cxq.T("交付日期不能晚于今天", "the delivery date cannot be in the future")))
	case chinaDay(in.Date).Before(first):
		p.Add(cxq.NewFieldError("date", cxq.CodeOutOfRange, map[string]string{"min": first.Format(time.DateOnly)},
			cxq.T("交付日期不能早于下单日期 {min}", "the delivery date cannot be before the order was placed, {min}")))
	}
	p.Add(cxq.CheckText("content", labelDeliveryContent, in.Content, cxq.TextRule{Required: true, Max: 2000}))
	if len(in.Files) > MaxDeliveryFiles {
		p.Add(cxq.NewFieldError("files", cxq.CodeInvalid, map[string]string{"max": strconv.Itoa(MaxDeliveryFiles)},
			cxq.T("结果文件不得超过 {max} 个", "at most {max} result files")))
	}
	return p.Err()
}

// chinaDay is the calendar day of t in China, at midnight UTC: days compare as instants.
func chinaDay(t time.Time) time.Time {
	y, m, d := t.In(cxq.China()).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// RecordDelivery is the order's provider recording that the service was delivered (服务交付):
// the day, what was delivered and the result files, each an upload of the provider into
// SlotServiceProof (a file it did not upload is refused with CodeAttachmentRef). The order
// must be confirmed; the delivery is recorded once (a second is an *OrderStateError with
// CodeAlreadyDelivered). A delivery day after today or before the day the order was
// placed is refused. The enterprise is told
// in a notice, asking it to evaluate. Orders of other providers answer as not found.
func (s *Service) RecordDelivery(ctx context.Context, a Actor, in RecordDeliveryParams) (Order, error) {
	return mutate(ctx, s, a, in.Key, "RecordDelivery", in, func(tx Tx, now time.Time) (Order, error) {
		o, err := s.providerOrder(ctx, tx, a, in.ID, "record_delivery")
		if err != nil {
			return Order{}, err
		}
		switch {
		case o.Status == OrderDeclined:
			return Order{}, &OrderStateError{Order: o.ID, Code: CodeOrderDeclined}
		case o.Status != OrderConfirmed:
			return Order{}, &OrderStateError{Order: o.ID, Code: CodeOrderNotConfirmed}
		case o.Delivery != nil:
			return Order{}, &OrderStateError{Order: o.ID, Code: CodeAlreadyDelivered}
		}
		if err := checkVersion(StreamOrder, o.ID, in.Version, o.Version); err != nil {
			return Order{}, err
		}
		if err := in.validate(now, o.Created); err != nil {
			return Order{}, err
		}
		files := slices.Clone(in.Files)
		if err := checkRefs(ctx, tx, a.Org, fileRefs("files", files, SlotServiceProof)); err != nil {
			return Order{}, err
		}
		o.Delivery = &Delivery{Date: in.Date.UTC(), Content: in.Content, Files: files, Recorded: now}
		what := orderAbout(o)
		return s.changeOrder(ctx, tx, a, o, now, "deliver", auditNote("files", strconv.Itoa(len(in.Files))),
			OrgAddress(o.EnterpriseID), cxq.T(what.ZH+"：服务机构已登记服务交付，请对服务进行评价。",
				what.EN+": the provider recorded the delivery; please evaluate the service."))
	})
}

// EvaluateOrder is the order's enterprise evaluating the service (服务评价) by the
// programme's rubric, once the provider recorded the delivery: every item scored within
// its maximum (a *cxq.ValidationError names each problem), the total and grade computed
// by the rubric and kept on the order with the rubric's version. An evaluation is given
// once and never changes: a second one, also one racing the first, is an
// *OrderStateError with CodeAlreadyEvaluated; an order not delivered yet is one with
// CodeNotDelivered. The provider is told the grade in a notice. Orders of other
// enterprises answer as not found.
func (s *Service) EvaluateOrder(ctx context.Context, a Actor, in EvaluateOrderParams) (Order, error) {
	o, err := mutate(ctx, s, a, in.Key, "EvaluateOrder", in, func(tx Tx, now time.Time) (Order, error) {
		o, err := loadOrder(ctx, tx, in.ID)
		if err != nil {
			return Order{}, err
		}
		if !ownsEnterprise(a, o.EnterpriseID) {
			return Order{}, s.deny(ctx, a, "evaluate_order", StreamOrder, in.ID, "not the order's enterprise", true)
		}
		switch {
		case o.Evaluation != nil:
			return Order{}, &OrderStateError{Order: o.ID, Code: CodeAlreadyEvaluated}
		case o.Delivery == nil:
			return Order{}, &OrderStateError{Order: o.ID, Code: CodeNotDelivered}
		}
		if err := checkVersion(StreamOrder, o.ID, in.Version, o.Version); err != nil {
			return Order{}, err
		}
		scored, err := s.rubric.Score(in.Scores)
		if fe := cxq.CheckText("comment", labelComment, in.Comment, cxq.TextRule{Max: MaxNote}); fe != nil || err != nil {
			var p cxq.Problems
			p.AddErr("", err)
			p.Add(fe)
			return Order{}, p.Err()
		}
		o.Evaluation = &Evaluation{Scored: scored, Comment: in.Comment, At: now}
		what, grade, total := orderAbout(o), s.rubric.GradeLabel(scored.Grade), strconv.Itoa(scored.Total)+"/"+strconv.Itoa(scored.Max)
		return s.changeOrder(ctx, tx, a, o, now, "evaluate",
			auditNote("rubric", scored.Rubric.String(), "total", strconv.Itoa(scored.Total), "grade", scored.Grade),
			OrgAddress(o.Product.ProviderID), cxq.T(what.ZH+"：企业已评价服务，等级 "+scored.Grade+"（"+grade.ZH+"），"+total+" 分。",
				what.EN+": the enterprise evaluated the service: grade "+scored.Grade+" ("+grade.EN+"), "+total+" points."))
	})
	var se *OrderStateError
	if err != nil && errors.Is(err, cxq.ErrConflict) && !errors.As(err, &se) && ctx.Err() == nil {
		// A concurrent evaluation committed first: answer as the second evaluation this is.
		if cur, rerr := s.Order(ctx, a, in.ID); rerr == nil && cur.Evaluation != nil {
			return Order{}, &OrderStateError{Order: in.ID, Code: CodeAlreadyEvaluated}
		}
	}
	return o, err
}

// providerOrder reads an order of the actor's provider.
func (s *Service) providerOrder(ctx context.Context, tx Tx, a Actor, id, action string) (Order, error) {
	o, err := loadOrder(ctx, tx, id)
	if err != nil {
		return Order{}, err
	}
	if a.Role != RoleProvider || a.Org == "" || a.Org != o.Product.ProviderID {
		return Order{}, s.deny(ctx, a, action, StreamOrder, id, "not the order's provider", true)
	}
	return o, nil
}

// changeOrder stores the next version of o with its audit entry (action, no change of
// status) and the notice of the change to the other party (to, text).
func (s *Service) changeOrder(ctx context.Context, tx Tx, a Actor, o Order, now time.Time, action, note, to string, text cxq.Text) (Order, error) {
	seq, head := o.AuditSeq, o.AuditHead
	o.Updated, o.AuditSeq, o.AuditHead = now, 0, ""
	o.Version++
	e, err := s.audit(ctx, tx, AuditEntry{Stream: StreamOf(StreamOrder, o.ID), At: now, Actor: a.ID, Role: a.Role,
		Action: action, From: string(o.Status), To: string(o.Status), Note: note}, seq, head, o)
	if err != nil {
		return Order{}, err
	}
	o.AuditSeq, o.AuditHead = e.Seq, e.Hash
	if err := tx.AppendNotice(ctx, orderNotice(o, to, text, now)); err != nil {
		return Order{}, err
	}
	return o, tx.UpdateOrder(ctx, o)
}

// orderAbout is how a notice names an order: its number and product.
func orderAbout(o Order) cxq.Text {
	return cxq.T("订单 "+o.ID+"（"+o.Product.Name+"）", "order "+o.ID+" ("+o.Product.Name+")")
}

// orderNotice is the notice of a change of o (at its audit entry) to one party.
func orderNotice(o Order, to string, text cxq.Text, now time.Time) Notice {
	stream := StreamOf(StreamOrder, o.ID)
	return Notice{ID: noticeID(stream, strconv.FormatInt(o.AuditSeq, 10), to), To: to, Kind: NoticeStatus, Subject: stream,
		Text: text, Created: now, Due: now, NextTry: now, State: NoticePending}
}

// Rubric returns the rubric the programme's enterprises evaluate services by.
func (s *Service) Rubric() policy.Rubric { return s.rubric }

// ProviderRating adds up the evaluations of every order of the provider's products (see
// [Rating]). It is public, like the catalog: a product's page shows it to anyone.
func (s *Service) ProviderRating(ctx context.Context, providerID string) (Rating, error) {
	if providerID == "" {
		return Rating{}, notFound("provider", providerID)
	}
	return view(ctx, s, func(tx Tx) (Rating, error) {
		orders, _, err := tx.Orders(ctx, OrderFilter{ProviderID: providerID})
		if err != nil {
			return Rating{}, err
		}
		return rate(providerID, s.rubric, orders), nil
	})
}
