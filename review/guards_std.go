package review

import (
	"fmt"
	"strconv"
	"time"

	"github.com/cxqkit/cxq"
)

// Names of the standard guards.
const (
	// GuardAmountWithinClaim: the input's actual_amount is a valid amount above zero
	// and not above the case's claimed_amount fact. Optional params "field" and "limit"
	// name another input field and fact.
	GuardAmountWithinClaim = "amount_within_claim"
	// GuardQuorum: at least params["min"] distinct actors fired params["vote"] during the
	// current visit of the state (an expert panel deciding by quorum).
	GuardQuorum = "quorum"
	// GuardOneVoteEach: the actor has not already acted during the current visit of the
	// state (one vote per expert per round).
	GuardOneVoteEach = "one_vote_each"
	// GuardPeriodElapsed: at least params["days"] × 24 hours have passed since the case
	// entered the state (a public notice period, 公示期).
	GuardPeriodElapsed = "period_elapsed"
)

// StandardGuards returns a new registry of the guards the shipped workflows use.
func StandardGuards() *Guards {
	g, err := NewGuards(
		Guard{Name: GuardAmountWithinClaim, Doc: cxq.T("实际兑现金额不得超过兑现创新券金额合计", "the actual amount may not exceed the amount claimed"),
			Check: amountWithinClaim, CheckParams: onlyParams("field", "limit")},
		Guard{Name: GuardQuorum, Doc: cxq.T("达到法定人数的专家意见一致", "a quorum of experts voted the same way"),
			Check: quorum, CheckParams: quorumParams},
		Guard{Name: GuardOneVoteEach, Doc: cxq.T("每位专家每轮只能投票一次", "each expert votes once per round"),
			Check: oneVoteEach},
		Guard{Name: GuardPeriodElapsed, Doc: cxq.T("公示期已满", "the notice period has passed"),
			Check: periodElapsed, CheckParams: daysParams},
	)
	if err != nil {
		panic(err) // the list above is fixed; a test builds it
	}
	return g
}

func onlyParams(names ...string) func(map[string]string) error {
	return func(p map[string]string) error {
		for k := range p {
			ok := false
			for _, n := range names {
				ok = ok || k == n
			}
			if !ok {
				return fmt.Errorf("unknown parameter %q", k)
			}
		}
		return nil
	}
}

func paramOr(p map[string]string, k, def string) string {
	if v, ok := p[k]; ok && v != "" {
		return v
	}
	return def
}

func amountWithinClaim(g GuardContext) error {
	field := paramOr(g.Params, "field", FieldActualAmount)
	limit := paramOr(g.Params, "limit", FactClaimedAmount)
	label := cxq.T("实际兑现金额", "actual amount")
	raw, ok := g.Input.Fields[field]
	if !ok || raw == "" {
		return cxq.Required(field, label)
	}
	amount, err := cxq.ParseMoney(raw)
	if err != nil {
		var p cxq.Problems
		p.AddErr(field, err)
		return p.Err()
	}
	if amount.Sign() <= 0 { // paying nothing is 不予支持, not an approval
		return cxq.NewFieldError(field, "not_positive", nil,
			cxq.T("实际兑现金额应大于零；不予兑现请选择“不予支持”", "the actual amount must be above zero; to pay nothing, reject"))
	}
	capRaw, ok := g.Case.Facts[limit]
	if !ok {
		return cxq.NewFieldError(limit, "missing_fact", map[string]string{"fact": limit},
			cxq.T("案件缺少兑现创新券金额合计（{fact}）", "the case has no claimed amount ({fact})"))
	}
	ceiling, err := cxq.ParseMoney(capRaw)
	if err != nil {
		return cxq.NewFieldError(limit, "bad_fact", map[string]string{"fact": limit},
			cxq.T("案件的兑现创新券金额合计（{fact}）无效", "the case's claimed amount ({fact}) is not an amount"))
	}
	if amount.GreaterThan(ceiling) {
		return cxq.NewFieldError(field, "above_claim", map[string]string{"max": ceiling.String()},
			cxq.T("实际兑现金额不得超过兑现创新券金额合计 {max} 元", "the actual amount may not exceed the claimed {max}"))
	}
	return nil
}

func quorumParams(p map[string]string) error {
	if err := onlyParams("vote", "min")(p); err != nil {
		return err
	}
	if p["vote"] == "" {
		return fmt.Errorf(`parameter "vote" (the voting action) is required`)
	}
	n, err := strconv.Atoi(p["min"])
	if err != nil || n < 1 {
		return fmt.Errorf(`parameter "min" must be a whole number ≥ 1, got %q`, p["min"])
	}
	return nil
}

func quorum(g GuardContext) error {
	vote := Action(g.Params["vote"])
	min, _ := strconv.Atoi(g.Params["min"]) // checked at construction
	_, stay := g.Visit()
	voters := map[string]bool{}
	for _, e := range stay {
		if e.Action == vote {
			voters[e.Actor] = true
		}
	}
	if len(voters) < min {
		return cxq.NewFieldError("", "no_quorum",
			map[string]string{"votes": strconv.Itoa(len(voters)), "min": strconv.Itoa(min), "vote": string(vote)},
			cxq.T("未达到法定人数：{votes} 票，至少需要 {min} 票", "no quorum: {votes} votes ({vote}), at least {min} needed"))
	}
	return nil
}

func oneVoteEach(g GuardContext) error {
	_, stay := g.Visit()
	for _, e := range stay {
		if e.Actor == g.Input.Actor.ID {
			return cxq.NewFieldError("", "already_voted", map[string]string{"action": string(e.Action)},
				cxq.T("本轮已投票", "already voted in this round ({action})"))
		}
	}
	return nil
}

func daysParams(p map[string]string) error {
	if err := onlyParams("days")(p); err != nil {
		return err
	}
	if n, err := strconv.Atoi(p["days"]); err != nil || n < 1 {
		return fmt.Errorf(`parameter "days" must be a whole number ≥ 1, got %q`, p["days"])
	}
	return nil
}

func periodElapsed(g GuardContext) error {
	days, _ := strconv.Atoi(g.Params["days"]) // checked at construction
	entered, _ := g.Visit()
	until := entered.Add(time.Duration(days) * 24 * time.Hour)
	if g.Input.Time.Before(until) {
		return cxq.NewFieldError("time", "period_running",
			map[string]string{"days": strconv.Itoa(days), "until": until.UTC().Format(time.RFC3339)},
			cxq.T("{days} 日公示期未满（至 {until}）", "the {days}-day notice period runs until {until}"))
	}
	return nil
}
