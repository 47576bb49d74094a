package policy

import (
	"encoding/json"

	"github.com/cxqkit/cxq"
)

// Codes of the reasons a claim is refused or an order cannot get a voucher now.
const (
	CodeNotInEffect     = "not_in_effect"    // the policy does not apply at that time
	CodeNoVoucherBadge  = "no_voucher_badge" // the product lacks the 创新券 badge
	CodeNotCertified    = "not_certified"    // not a certified 科技型中小企业
	CodeCertExpired     = "certification_expired"
	CodeRevenueTooHigh  = "revenue_too_high" // params: year, max
	CodeRevenueUnknown  = "revenue_unknown"  // params: year
	CodeTooManyStaff    = "too_many_staff"   // params: max
	CodeCapitalTooHigh  = "capital_too_high" // params: max
	CodeBadCredit       = "bad_credit"
	CodeOrderUnconfirm  = "order_not_confirmed"
	CodeOrderDeclined   = "order_declined"   // the provider declined the order
	CodeApplicationLive = "application_live" // the order already has a live application
	CodeQuotaExhausted  = "quota_exhausted"  // params: cap
	CodeOverQuota       = "over_quota"       // a requested amount above the remaining quota; params: remaining
	CodeFirstClaimCap   = "first_claim_cap"  // params: max
	CodePerClaimCap     = "per_claim_cap"    // params: max
	CodeOverRate        = "over_rate"        // a requested amount above rate × contract; params: max
	CodeReclaimUsage    = "reclaim_usage"    // more of the claims must be used first; params: used, claimed, share
	CodeClaimBanned     = "claim_banned"     // params: year, reason_zh, reason_en
	CodeRelatedParty    = "related_party"    // params: provider, kind
	CodeExcludedService = "excluded_service" // params: label_zh, label_en
	CodeExclusive       = "exclusive_policy" // params: policy
	CodeBelowMinimum    = "below_minimum"    // params: min
	CodeContractMissing = "contract_required"
	CodeRedeemDeadline  = "redemption_deadline" // params: deadline
	CodeNotPositive     = "not_positive"        // an amount must be above zero; params: amount
	// CodeEvaluationMissing: the policy requires the service to be evaluated before the
	// redemption is submitted (Policy.EvaluationRequired), and it is not yet.
	CodeEvaluationMissing = "evaluation_required"
)

// Reason is one reason a claim is refused: a stable code and the parameters its message
// needs; the message in Chinese and English comes from the code ([Message]), so a reason
// read back from storage reads as it did when it was given.
type Reason struct {
	Code   string            `json:"code"`
	Params map[string]string `json:"params"`
}

// Text returns the reason's message ([Message]) with its parameters filled in.
func (r Reason) Text() cxq.Text { return Message(r.Code).Fill(r.Params) }

// MarshalJSON writes {"code","params","message_zh","message_en"}.
func (r Reason) MarshalJSON() ([]byte, error) {
	t := r.Text()
	p := r.Params
	if p == nil {
		p = map[string]string{}
	}
	return json.Marshal(struct {
		Code      string            `json:"code"`
		Params    map[string]string `json:"params"`
		MessageZH string            `json:"message_zh"`
		MessageEN string            `json:"message_en"`
	}{r.Code, p, t.ZH, t.EN})
}

func reason(code string, params map[string]string) Reason {
	return Reason{Code: code, Params: params}
}

// Message returns the message template of a reason code, in Chinese and English, with
// {param} placeholders for the reason's Params; an unknown code reads as itself. It is
// the one place a reason's words are written.
func Message(code string) cxq.Text {
	for _, words := range []func(string) (cxq.Text, bool){eligibilityWords, claimWords, usageWords, budgetWords, returnWords,
		sanctionWords} {
		if t, ok := words(code); ok {
			return t
		}
	}
	return cxq.T(code, code)
}

// eligibilityWords are the messages of the reasons an enterprise or an order may not claim.
func eligibilityWords(code string) (cxq.Text, bool) {
	switch code {
	case CodeNoVoucherBadge:
		return cxq.T("服务产品“{product}”没有创新券标识",
			"the product “{product}” does not carry the innovation voucher badge"), true
	case CodeNotInEffect:
		return cxq.T("政策 {policy} 在申请时间不适用",
			"policy {policy} does not apply at that time"), true
	case CodeEvaluationMissing:
		return cxq.T("请先对服务机构的服务进行评价，再提交兑现申请",
			"evaluate the provider's service before submitting the redemption"), true
	case CodeOrderUnconfirm:
		return cxq.T("订单尚未经服务机构确认",
			"the provider has not confirmed the order yet"), true
	case CodeOrderDeclined:
		return cxq.T("服务机构已拒绝该订单，不能申请创新券，请重新下单",
			"the provider declined the order; it cannot get a voucher; place a new order"), true
	case CodeApplicationLive:
		return cxq.T("该订单已有创新券申请",
			"the order already has a voucher application"), true
	case CodeCertExpired:
		return cxq.T("科技型中小企业认定已于 {until} 到期",
			"the 科技型中小企业 certification expired on {until}"), true
	case CodeNotCertified:
		return cxq.T("企业未认定为科技型中小企业",
			"the enterprise is not certified as a 科技型中小企业"), true
	case CodeRevenueUnknown:
		return cxq.T("缺少 {year} 年营业收入",
			"the revenue of {year} is not known"), true
	case CodeRevenueTooHigh:
		return cxq.T("{year} 年营业收入 {revenue} 元，须低于 {max} 元",
			"revenue of {revenue} in {year} must be below {max}"), true
	case CodeTooManyStaff:
		return cxq.T("职工人数 {staff} 人，须少于 {max} 人",
			"{staff} employees; fewer than {max} are required"), true
	case CodeCapitalTooHigh:
		return cxq.T("注册资本 {capital} 元，须不超过 {max} 元",
			"registered capital of {capital} must be at most {max}"), true
	case CodeBadCredit:
		return cxq.T("企业有不良信用记录",
			"the enterprise has a record of bad credit"), true
	case CodeExclusive:
		return cxq.T("已持有 {policy} 创新券的企业不得同时申请本创新券",
			"a holder of a {policy} voucher may not also claim this one"), true
	case CodeRelatedParty:
		return cxq.T("企业与服务机构“{provider}”存在关联关系（{kind}）",
			"the enterprise is affiliated with the provider “{provider}” ({kind})"), true
	case CodeExcludedService:
		return cxq.T("{label_zh}不在创新券支持范围内",
			"{label_en} is not paid for by the voucher"), true
	case CodePlaceUnknown:
		return cxq.T("无法判断所在地“{place}”是否属于本政策的区域，请填写所在区县",
			"cannot tell whether the place “{place}” is inside the policy's area; give the district"), true
	case CodeClaimBanned:
		return cxq.T("{year} 年不得申请创新券：{reason_zh}",
			"no voucher claim in {year}: {reason_en}"), true
	case CodePolicyValue:
		return cxq.T("政策的取整方式无效：{value}",
			"the policy's rounding mode is not known: {value}"), true
	}
	return cxq.Text{}, false
}

// claimWords are the messages of the reasons a claimed amount is refused.
func claimWords(code string) (cxq.Text, bool) {
	switch code {
	case CodeQuotaExhausted:
		return cxq.T("本年度（周期）创新券额度 {cap} 元已用完",
			"the quota of {cap} for this year (cycle) is used up"), true
	case CodeContractMissing:
		return cxq.T("请填写预估合同金额",
			"the estimated contract amount is required"), true
	case CodeBelowMinimum:
		return cxq.T("创新券补贴支持合同金额最少 {min} 元",
			"the contract amount must be at least {min}"), true
	case CodeReclaimUsage:
		return cxq.T("已申请 {claimed} 元仅使用 {used} 元，须使用超过 {share} 后方可再次申请",
			"only {used} of {claimed} claimed is used; more than {share} must be used before a new claim"), true
	case CodeFirstClaimCap:
		return cxq.T("首次申请不得超过 {max} 元（申请 {requested} 元）",
			"a first claim may be at most {max} (requested {requested})"), true
	case CodePerClaimCap:
		return cxq.T("单次申请不得超过 {max} 元（申请 {requested} 元）",
			"a claim may be at most {max} (requested {requested})"), true
	case CodeOverQuota:
		return cxq.T("申请 {requested} 元超过剩余额度 {remaining} 元",
			"the request of {requested} exceeds the remaining quota of {remaining}"), true
	case CodeOverRate:
		return cxq.T("申请金额不得超过按比例计算的 {max} 元（申请 {requested} 元）",
			"the request of {requested} exceeds the subsidy rate's {max}"), true
	case CodeNotPositive:
		return cxq.T("金额不能为负数：{amount}",
			"an amount cannot be negative: {amount}"), true
	}
	return cxq.Text{}, false
}

// usageWords are the messages of the deadline rules.
func usageWords(code string) (cxq.Text, bool) {
	switch code {
	case CodeRedeemDeadline:
		return cxq.T("兑现申请须在 {deadline} 前提交，创新券已失效",
			"redemption had to be applied for by {deadline}; the voucher is void"), true
	case CodeFirstUseMissed:
		return cxq.T("{deadline} 前未使用，创新券全额收回",
			"nothing used by {deadline}: the whole voucher is revoked"), true
	case CodeUnusedExpired:
		return cxq.T("有效期届满，未使用的 {rest} 元收回",
			"validity ended: the unused {rest} is revoked"), true
	case CodeLowUsage:
		return cxq.T("创新券 {amount} 元仅使用 {used} 元，低于 {share}",
			"only {used} of the {amount} voucher was used, below {share}"), true
	}
	return cxq.Text{}, false
}

// UsageLabel names the usage rule behind a reason code of the deadline rules in a few
// words, for a table's row or a column (the reason's own Text needs its parameters):
// 首次使用期限内未使用, 有效期届满未使用, 使用比例过低; zero for another code.
func UsageLabel(code string) cxq.Text {
	switch code {
	case CodeFirstUseMissed:
		return cxq.T("首次使用期限内未使用", "not used by the first-use deadline")
	case CodeUnusedExpired:
		return cxq.T("有效期届满未使用", "unused at the end of validity")
	case CodeLowUsage:
		return cxq.T("使用比例过低", "too little of it used")
	case CodeRedeemDeadline:
		return cxq.T("逾期未申请兑现", "not redeemed in time")
	}
	return cxq.Text{}
}

// RefusedError is a claim the policy refuses, for one reason. It matches the sentinel
// in Kind: cxq.ErrInvalid for an input the rules forbid, cxq.ErrConflict for a quota
// used up, cxq.ErrForbidden for an enterprise that may not claim now.
type RefusedError struct {
	Reason Reason
	Kind   error
}

// Error returns the English message.
func (e *RefusedError) Error() string { return "policy: refused: " + e.Reason.Text().EN }

// Is reports whether target is the error's kind.
func (e *RefusedError) Is(target error) bool { return target == e.Kind }

// MarshalJSON writes the reason.
func (e *RefusedError) MarshalJSON() ([]byte, error) { return json.Marshal(e.Reason) }

func refuse(kind error, r Reason) error { return &RefusedError{Reason: r, Kind: kind} }
