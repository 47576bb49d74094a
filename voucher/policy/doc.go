// Package policy holds the pure rules of the voucher programmes (科技创新券): policies as
// data, the subsidy computations with their explanations, eligibility with every reason,
// and the usage deadlines. It does no I/O, reads no clock and holds no state: time comes
// in with the input. It imports only the kernel and catalog (the kernel's purity test
// checks it with go list -deps), so a test suite, a command or another language's port
// can use the rules without a store.
//
// # Policies
//
// A [Policy] is one version of a programme's rules, as data that round-trips through
// JSON ([Parse]), so a region can ship its own policy file: rates with tiers by where the
// enterprise and the provider are ([Tier]) and bonus points ([Bonus]), minimum contract,
// project, per-claim, first-claim and annual or per-cycle caps, the re-claim rule, usage
// and redemption deadlines with their bans ([UsageRules]), excluded services, the
// related-party exclusion, eligibility requirements, the public notice (公示) that holds
// approved redemptions before payout with the columns its list may show ([Notice], from
// the fixed allow-list [PublicColumns]) and rounding. [Policy.Validate]
// reports every problem at once. A policy is named by a [Ref] (ID and version); records
// carry the ref they were issued under and are always judged under that version.
//
// # Finding a policy
//
// There is one way: a [Registry] of versions ([NewRegistry]), which finds a version by
// ref ([Registry.Get]), the one in effect at a time ([Registry.At], what the lifecycle
// uses) or the one registered last ([Registry.Latest], for tests and tools). [Presets] is
// the registry of the shipped policies (tianjin, hebei, langfang, beijing-changping), each
// documented with its source.
//
// # Computations
//
// [ApplicationAmount] computes 申请创新券金额 and [RedemptionAmount] 兑现创新券金额合计 from plain
// input structs ([ClaimInput], [RedemptionInput]); each returns the amount and a
// [Breakdown]: the ordered rules applied, the one that bound the result, and Chinese and
// English text ("按合同金额 50% 计算 4549.50 元；未超过年度剩余额度 100000.00 元"). Money is
// cxq.Money (integer fen) and every product with a rate rounds as the policy says, down by
// default. A refusal is a *[RefusedError] carrying a [Reason]. [UsageOutcome] applies the
// usage deadlines (revocation, bans) and [Policy.UsageDeadlines] lists them ahead of time.
// Claims are charged to the calendar year in China Standard Time ([ClaimYear]).
//
// # Returns and sanctions
//
// [ReturnOutcome] judges returning an issued voucher (退券) under [ReturnRules]: every
// reason it cannot be returned, the amount released, whether the office reviews it and
// the claim year it costs (by default none before the usage deadlines). [Sanction] is a
// freeze or blacklist on a party; [Sanction.InForce] is the one rule of when it applies,
// [Sanction.Reason] the reason (CodeSanctioned) a refused claim gives.
//
// # Eligibility and reasons
//
// [Eligibility] returns every [Reason] an order cannot get a voucher now: the answer to
// "为什么我的订单没有出现在这里". A Reason is a stable code and its parameters; its words, in
// Chinese and English, are written once per code in [Message].
//
// # Service evaluation
//
// A [Rubric] is how an enterprise evaluates the service it bought: scored items, each up
// to its maximum, and the grades (A/B/C/D) the total earns; it is data, versioned like a
// policy ([ParseRubric], [Rubric.Validate]). [Rubric.Score] checks an evaluation and
// computes its total and grade. [NanjingRubric] is the shipped default, modelled on
// Nanjing's eight-item evaluation. A policy with EvaluationRequired refuses a redemption
// until the service is evaluated ([Policy.EvaluationReasons], CodeEvaluationMissing).
// # Spot checks
//
// A policy's [SpotCheckRule] (抽查) says how much of the redeemed cases the office must
// inspect in each period ([SpotPeriod]: quarters, half years or years): at least
// MinShare of each stratum. [DrawSample] draws the sample from a seed the office records
// and may publish: the cases of lowest [SampleRank] (a SHA-256 of the seed and the case
// ID), ⌈share × size⌉ per stratum ([SampleSize]), the same for the same seed and cases in
// any order.
//
// Package policy/policytest runs tables of golden cases against a registry.
package policy
