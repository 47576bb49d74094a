package policy

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/cxqkit/cxq"
)

// Rubric is how an enterprise evaluates the service it bought (服务评价): the items it
// scores, each from 0 to its Max points, and the grades the total earns. It is programme
// data, versioned like a policy: an evaluation records the [RubricRef] it was given
// under, with each item's label and maximum, so it reads as it was given after the
// rubric changes.
type Rubric struct {
	ID      string       `json:"id"`
	Version string       `json:"version"`
	Name    cxq.Text     `json:"name"`
	Sources []Source     `json:"sources,omitempty"`
	Items   []RubricItem `json:"items"`
	// Grades are the grades from best to worst, each earned by a total of at least Min
	// points; the last one's Min is 0, so every total has a grade.
	Grades []GradeBand `json:"grades"`
}

// RubricItem is one scored item (评价指标).
type RubricItem struct {
	Code  string   `json:"code"` // stable, e.g. "quality"
	Label cxq.Text `json:"label"`
	Max   int      `json:"max"` // points, at least 1
}

// GradeBand is a grade (A, B, C, D) and the least total that earns it.
type GradeBand struct {
	Grade string   `json:"grade"`
	Label cxq.Text `json:"label"`
	Min   int      `json:"min"`
}

// RubricRef names one version of a rubric.
type RubricRef struct {
	ID      string `json:"id"`
	Version string `json:"version"`
}

// String returns "id@version".
func (r RubricRef) String() string { return r.ID + "@" + r.Version }

// Ref returns the rubric's ID and version.
func (r Rubric) Ref() RubricRef { return RubricRef{ID: r.ID, Version: r.Version} }

// Max returns the most points the rubric gives: the sum of its items' maxima.
func (r Rubric) Max() int {
	n := 0
	for _, it := range r.Items {
		n += it.Max
	}
	return n
}

// Codes of the problems of a rubric and of an evaluation by it.
const (
	CodeRubricItem   = "rubric_item"   // an item without code, label or a positive max, or a repeated code
	CodeRubricGrades = "rubric_grades" // grades not strictly descending, not ending at 0, or above the maximum
	CodeScoreRange   = "score_range"   // a score outside 0…max; params: max
	CodeScoreMissing = "score_missing" // an item of the rubric without a score
	CodeScoreUnknown = "score_unknown" // a score for no item of the rubric; params: code
)

// Validate reports every problem of the rubric at once as a *cxq.ValidationError.
func (r Rubric) Validate() error {
	var ps cxq.Problems
	ps.Add(cxq.CheckText("id", cxq.T("评价标准编号", "rubric ID"), r.ID, cxq.TextRule{Required: true, Max: 64}))
	ps.Add(cxq.CheckText("version", cxq.T("评价标准版本", "rubric version"), r.Version, cxq.TextRule{Required: true, Max: 32}))
	ps.Add(cxq.CheckText("name.zh", cxq.T("评价标准名称", "rubric name"), r.Name.ZH, cxq.TextRule{Required: true, Max: 200}))
	seen := map[string]bool{}
	if len(r.Items) == 0 {
		ps.Add(cxq.NewFieldError("items", CodeRubricItem, nil, cxq.T("评价标准须至少有一项指标", "a rubric needs at least one item")))
	}
	for i, it := range r.Items {
		if it.Code == "" || it.Label.ZH == "" || it.Max < 1 || it.Max > 1000 || seen[it.Code] {
			ps.Add(cxq.NewFieldError("items["+strconv.Itoa(i)+"]", CodeRubricItem, nil,
				cxq.T("评价指标须有唯一的编码、名称和 1 至 1000 的分值", "an item needs a unique code, a label and a max of 1 to 1000 points")))
		}
		seen[it.Code] = true
	}
	ok := len(r.Grades) > 0 && r.Grades[len(r.Grades)-1].Min == 0 && r.Grades[0].Min <= r.Max()
	grades := map[string]bool{}
	for i, g := range r.Grades {
		ok = ok && g.Grade != "" && !grades[g.Grade] && (i == 0 || g.Min < r.Grades[i-1].Min)
		grades[g.Grade] = true
	}
	if !ok {
		ps.Add(cxq.NewFieldError("grades", CodeRubricGrades, nil,
			cxq.T("等级须按最低分从高到低排列、各不相同，最后一级为 0 分起", "grades need distinct names, minimum totals strictly descending and the last at 0")))
	}
	return ps.Err()
}

// ParseRubric reads a rubric from JSON and validates it.
func ParseRubric(b []byte) (Rubric, error) {
	var r Rubric
	if err := json.Unmarshal(b, &r); err != nil {
		return Rubric{}, cxq.NewFieldError("", cxq.CodeFormat, map[string]string{"reason": err.Error()},
			cxq.T("评价标准文件格式不正确：{reason}", "rubric file is malformed: {reason}"))
	}
	if err := r.Validate(); err != nil {
		return Rubric{}, err
	}
	return r, nil
}

// Score is one item's points in an evaluation, with the item's label and maximum as the
// rubric gave them.
type Score struct {
	Code   string   `json:"code"`
	Label  cxq.Text `json:"label"`
	Points int      `json:"points"`
	Max    int      `json:"max"`
}

// Scored is an evaluation computed by a rubric: every item's score in the rubric's
// order, the total, the maximum and the grade the total earns.
type Scored struct {
	Rubric RubricRef `json:"rubric"`
	Scores []Score   `json:"scores"`
	Total  int       `json:"total"`
	Max    int       `json:"max"`
	Grade  string    `json:"grade"`
}

// Score checks points (item code → points) against the rubric — every item scored, each
// from 0 to its max, no other code — and computes the total and the grade. It reports
// every problem at once as a *cxq.ValidationError, each field named "scores.<code>".
func (r Rubric) Score(points map[string]int) (Scored, error) {
	var ps cxq.Problems
	out := Scored{Rubric: r.Ref(), Max: r.Max()}
	for _, it := range r.Items {
		f := "scores." + it.Code
		p, ok := points[it.Code]
		switch {
		case !ok:
			ps.Add(cxq.NewFieldError(f, CodeScoreMissing, map[string]string{"label_zh": it.Label.ZH, "label_en": it.Label.EN},
				cxq.T("请为“{label_zh}”评分", "score “{label_en}”")))
		case p < 0 || p > it.Max:
			ps.Add(cxq.NewFieldError(f, CodeScoreRange, map[string]string{"max": strconv.Itoa(it.Max)},
				cxq.T("评分须在 0 至 {max} 分之间", "a score is from 0 to {max} points")))
		}
		out.Scores = append(out.Scores, Score{Code: it.Code, Label: it.Label, Points: p, Max: it.Max})
		out.Total += p
	}
	extra := make([]string, 0)
	for code := range points {
		if !slices.ContainsFunc(r.Items, func(it RubricItem) bool { return it.Code == code }) {
			extra = append(extra, code)
		}
	}
	slices.Sort(extra)
	for _, code := range extra {
		ps.Add(cxq.NewFieldError("scores."+cxq.Clip(code, 40), CodeScoreUnknown, map[string]string{"code": cxq.Clip(code, 40)},
			cxq.T("评价标准没有指标 {code}", "the rubric has no item {code}")))
	}
	if err := ps.Err(); err != nil {
		return Scored{}, err
	}
	out.Grade = r.GradeOf(out.Total)
	return out, nil
}

// GradeOf returns the grade a total earns: the first grade whose Min it reaches.
func (r Rubric) GradeOf(total int) string {
	for _, g := range r.Grades {
		if total >= g.Min {
			return g.Grade
		}
	}
	return ""
}

// GradeLabel returns the label of a grade, or the grade itself when the rubric lacks it.
func (r Rubric) GradeLabel(grade string) cxq.Text {
	for _, g := range r.Grades {
		if g.Grade == grade {
			return g.Label
		}
	}
	return cxq.T(grade, grade)
}

// RubricNanjing is the ID of [NanjingRubric].
const RubricNanjing = "nanjing-style"

// NanjingRubric returns the shipped default rubric: eight items of 100 points in all and
// the grades A (90 and above), B (75), C (60) and D (below 60). It is modelled on the
// eight-item service evaluation with A/B/C/D grades of Nanjing's innovation voucher
// programme (南京市科技创新券); the items' wording and weights are cxq's own, not a
// copy of an official table, so a programme that needs the official one ships it as
// data ([ParseRubric]).
func NanjingRubric() Rubric {
	item := func(code, zh, en string, max int) RubricItem {
		return RubricItem{Code: code, Label: cxq.T(zh, en), Max: max}
	}
	return Rubric{ID: RubricNanjing, Version: "1", Name: cxq.T("服务评价（参照南京市科技创新券服务评价）",
		"service evaluation (modelled on Nanjing's innovation voucher evaluation)"),
		Sources: []Source{{Title: cxq.T("南京市科技创新券服务评价（参照，非官方文本）",
			"Nanjing innovation voucher service evaluation (modelled on; not the official text)")}},
		Items: []RubricItem{
			item("response", "服务响应及时性", "responsiveness", 10),
			item("attitude", "服务态度", "attitude", 10),
			item("competence", "专业能力", "professional competence", 15),
			item("quality", "服务结果质量", "quality of the results", 20),
			item("timeliness", "按约定周期完成", "delivered on time", 15),
			item("price", "价格合理性", "reasonable price", 10),
			item("communication", "沟通与售后", "communication and follow-up", 10),
			item("satisfaction", "总体满意度", "overall satisfaction", 10),
		},
		Grades: []GradeBand{
			{Grade: "A", Label: cxq.T("优秀", "excellent"), Min: 90},
			{Grade: "B", Label: cxq.T("良好", "good"), Min: 75},
			{Grade: "C", Label: cxq.T("合格", "adequate"), Min: 60},
			{Grade: "D", Label: cxq.T("不合格", "poor"), Min: 0},
		},
	}
}

// EvaluationReasons returns why a redemption may not be submitted yet for want of the
// service's evaluation: CodeEvaluationMissing when the policy requires the evaluation
// (EvaluationRequired) and evaluated is false; nothing otherwise.
func (p Policy) EvaluationReasons(evaluated bool) []Reason {
	if p.EvaluationRequired && !evaluated {
		return []Reason{reason(CodeEvaluationMissing, nil)}
	}
	return nil
}
