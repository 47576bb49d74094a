package review

// State names a stage of a workflow, e.g. "district_review". States are compared as
// strings; the labels people see live in the workflow's [Stage].
type State string

// Action names what an actor does in a state, e.g. "approve".
type Action string

// Role names who may act, e.g. "district_reviewer".
type Role string

// Scope narrows who, among the holders of a stage's role, may act on a given case.
type Scope string

// The scopes a stage or transition may declare.
const (
	// ScopeAny: every holder of the role may act (e.g. a city-level office).
	ScopeAny Scope = ""
	// ScopeOwner: only a person of the organisation that owns the case ([Actor.Org] equals
	// [Case.Owner]); used for the enterprise's own actions.
	ScopeOwner Scope = "owner"
	// ScopeDistrict: only a person of the case's district ([Actor.District] equals
	// [Case.District], the district snapshotted when the case was opened).
	ScopeDistrict Scope = "district"
	// ScopeAssigned: only a person assigned to the case, for that stage or for every stage
	// (see [Assignment]).
	ScopeAssigned Scope = "assigned"
)

// Valid reports whether s is one of the declared scopes.
func (s Scope) Valid() bool {
	switch s {
	case ScopeAny, ScopeOwner, ScopeDistrict, ScopeAssigned:
		return true
	}
	return false
}

// Outcome says how a terminal stage ended the case.
type Outcome string

// The outcomes of terminal stages.
const (
	OutcomeNone      Outcome = ""          // not terminal
	OutcomeApproved  Outcome = "approved"  // the final approval (复审通过, 评审通过)
	OutcomeRejected  Outcome = "rejected"  // 不予支持
	OutcomeWithdrawn Outcome = "withdrawn" // withdrawn by the applicant
)

// Valid reports whether o is one of the declared outcomes.
func (o Outcome) Valid() bool {
	switch o {
	case OutcomeNone, OutcomeApproved, OutcomeRejected, OutcomeWithdrawn:
		return true
	}
	return false
}

// States used by the shipped workflows.
const (
	Draft              State = "draft"               // the enterprise is filling in the form
	DistrictReview     State = "district_review"     // 区初审 / 区科技主管部门初审
	ProfessionalReview State = "professional_review" // 专业机构复审
	FormalReview       State = "formal_review"       // 专业机构形式审查
	ExpertReview       State = "expert_review"       // 专家评审, shown as 市级形式审查受理
	PaperReceipt       State = "paper_receipt"       // 纸质材料接收
	ExpertPanel        State = "expert_panel"        // 专家组评审
	PublicNotice       State = "public_notice"       // 公示
	Returned           State = "returned"            // 退回修改
	Approved           State = "approved"            // 复审通过 / 评审通过
	Rejected           State = "rejected"            // 不予支持
	Withdrawn          State = "withdrawn"           // 已撤回
)

// Actions used by the shipped workflows.
const (
	Submit      Action = "submit"       // 提交
	Resubmit    Action = "resubmit"     // 重新提交
	Withdraw    Action = "withdraw"     // 撤回
	Approve     Action = "approve"      // 审核通过
	Return      Action = "return"       // 退回修改
	Reject      Action = "reject"       // 不予支持
	Receive     Action = "receive"      // 确认收到纸质材料
	VoteApprove Action = "vote_approve" // 专家投票：同意
	VoteReject  Action = "vote_reject"  // 专家投票：不同意
	Object      Action = "object"       // 公示期异议
	Conclude    Action = "conclude"     // 公示期满
)

// Roles used by the shipped workflows.
const (
	RoleApplicant    Role = "enterprise"            // the applying enterprise
	RoleDistrict     Role = "district_reviewer"     // 区科技主管部门
	RoleProfessional Role = "professional_reviewer" // 专业机构
	RoleExpert       Role = "expert"                // 评审专家
	RoleRegistrar    Role = "registrar"             // 材料受理窗口
	RoleOffice       Role = "programme_office"      // 创新券管理办公室
)

// Stage tags used by the shipped workflows.
const (
	// TagExport marks a stage in which the enterprise may export the printable form and
	// hand in the signed, stamped paper copy (市级形式审查受理).
	TagExport = "export"
)

// Field and fact names used by the shipped workflows and standard guards.
const (
	// FieldActualAmount is the actual amount to pay (实际兑现金额), a decimal string such
	// as "4549.50", set by the expert stage.
	FieldActualAmount = "actual_amount"
	// FactClaimedAmount is the amount claimed (申请创新券金额), a decimal string carried in
	// [Case.Facts] from the case's creation.
	FactClaimedAmount = "claimed_amount"
)
