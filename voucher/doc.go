// Package voucher holds the rules and the lifecycle of a science-and-technology
// innovation voucher programme (科技创新券): policies as data, the subsidy computations
// with their explanations, eligibility with every reason, the application and redemption
// forms, and the records and use cases that carry an order through application, review
// and redemption.
//
// # Policies
//
// A [Policy] is one version of a programme's rules, as data that round-trips through
// JSON ([ParsePolicy]), so a region can ship its own policy file: rates with tiers by
// where the enterprise and the provider are ([Tier]) and bonus points ([Bonus]), minimum
// contract, project, per-claim, first-claim and annual or per-cycle caps, the re-claim
// rule, usage and redemption deadlines with their bans ([UsageRules]), excluded services,
// the related-party exclusion, eligibility requirements and rounding. A policy is named
// by a [PolicyRef] (ID and version); records carry the ref they were issued under and are
// always judged under that version. [Presets] returns the shipped policies (tianjin,
// hebei, langfang, beijing-changping), each documented with its source, and
// [PolicyRegistry] finds a version by ref or the one in effect at a time.
//
// # Computations
//
// [ApplicationAmount] computes 申请创新券金额 and [RedemptionAmount] 兑现创新券金额合计 from plain
// input structs ([ClaimInput], [RedemptionInput]); each returns the amount and a
// [Breakdown]: the ordered rules applied, the one that bound the result, and Chinese and
// English text ("按合同金额 50% 计算 4549.50 元；未超过年度剩余额度 100000.00 元").
// A refusal is a *[RefusedError] carrying a [Reason]. [UsageOutcome] applies the usage
// deadlines (revocation, bans). Claims are charged to the calendar year in China Standard
// Time ([ClaimYear]), computed in a fixed UTC+8 zone.
//
// # Eligibility and forms
//
// [Eligibility] returns every [Reason] an order cannot get a voucher now, each with a
// code and Chinese and English text: the answer to "为什么我的订单没有出现在这里".
// [ApplicationForm] and [RedemptionForm] hold the fields of the manual's forms; their
// Validate methods report every problem at once as a *cxq.ValidationError.
// [AttachmentRef] names an uploaded file; package voucher/attachment produces them.
//
// # Lifecycle
//
// The lifecycle records are [Order], [Application] and [Redemption]; [Quota] is an
// enterprise's allowance per policy and claim year. [Service] holds the use cases, each
// checking the [Actor]; [Store] is the persistence contract every driver meets.
//
// # Purity
//
// The rules (policies, computations, eligibility, forms) do no I/O, read no clock and
// hold no state: time comes in with the input. This package imports only the kernel,
// catalog and review; it must never import database/sql, net/http, a store driver or
// voucher/attachment.
package voucher
