package policy_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// TestNanjingRubricJSON compares the shipped rubric with testdata/rubrics (rewrite with
// -update) and round-trips it through ParseRubric.
func TestNanjingRubricJSON(t *testing.T) {
	t.Parallel()
	r := policy.NanjingRubric()
	require.NoError(t, r.Validate())
	require.Len(t, r.Items, 8)
	require.Equal(t, 100, r.Max())
	want := goldenJSON(t, r, "rubrics", r.ID+".json")
	back, err := policy.ParseRubric(want)
	require.NoError(t, err)
	require.Equal(t, r, back)
}

func allPoints(r policy.Rubric, each func(policy.RubricItem) int) map[string]int {
	out := map[string]int{}
	for _, it := range r.Items {
		out[it.Code] = each(it)
	}
	return out
}

// TestRubricScore: the total and the grade at each band's edge, and every problem of a
// bad evaluation at once.
func TestRubricScore(t *testing.T) {
	t.Parallel()
	r := policy.NanjingRubric()
	full := allPoints(r, func(it policy.RubricItem) int { return it.Max })
	for _, tt := range []struct {
		drop  int // points taken off "quality"
		total int
		grade string
	}{{0, 100, "A"}, {10, 90, "A"}, {11, 89, "B"}, {20, 80, "B"}} {
		p := allPoints(r, func(it policy.RubricItem) int { return it.Max })
		p["quality"] -= tt.drop
		s, err := r.Score(p)
		require.NoError(t, err)
		require.Equal(t, tt.total, s.Total)
		require.Equal(t, tt.grade, s.Grade, "total %d", tt.total)
		require.Equal(t, 100, s.Max)
		require.Equal(t, policy.RubricRef{ID: policy.RubricNanjing, Version: "1"}, s.Rubric)
		require.Len(t, s.Scores, 8)
	}
	for total, grade := range map[int]string{75: "B", 74: "C", 60: "C", 59: "D", 0: "D"} {
		require.Equal(t, grade, r.GradeOf(total), "total %d", total)
	}
	require.Equal(t, "优秀", r.GradeLabel("A").ZH)

	bad := map[string]int{}
	for k, v := range full {
		bad[k] = v
	}
	delete(bad, "price")
	bad["quality"] = 21
	bad["attitude"] = -1
	bad["speed"] = 5
	_, err := r.Score(bad)
	require.ErrorIs(t, err, cxq.ErrInvalid)
	var ve *cxq.ValidationError
	require.True(t, errors.As(err, &ve))
	codes := map[string]string{}
	for _, fe := range ve.Errors {
		codes[fe.Field] = fe.Code
	}
	require.Equal(t, map[string]string{"scores.price": policy.CodeScoreMissing, "scores.quality": policy.CodeScoreRange,
		"scores.attitude": policy.CodeScoreRange, "scores.speed": policy.CodeScoreUnknown}, codes)
	require.Equal(t, "评分须在 0 至 20 分之间", ve.Errors[1].Message(cxq.ZH))
}

// TestRubricValidate: the rules a rubric keeps.
func TestRubricValidate(t *testing.T) {
	t.Parallel()
	for name, edit := range map[string]func(*policy.Rubric){
		"no items":         func(r *policy.Rubric) { r.Items = nil },
		"repeated code":    func(r *policy.Rubric) { r.Items[1].Code = r.Items[0].Code },
		"zero max":         func(r *policy.Rubric) { r.Items[0].Max = 0 },
		"no zero grade":    func(r *policy.Rubric) { r.Grades[3].Min = 10 },
		"grades ascending": func(r *policy.Rubric) { r.Grades[0].Min, r.Grades[1].Min = 75, 90 },
		"grade above max":  func(r *policy.Rubric) { r.Grades[0].Min = 101 },
		"no grades":        func(r *policy.Rubric) { r.Grades = nil },
		"repeated grade":   func(r *policy.Rubric) { r.Grades[1].Grade = "A" },
		"no version":       func(r *policy.Rubric) { r.Version = "" },
	} {
		r := policy.NanjingRubric()
		edit(&r)
		require.ErrorIs(t, r.Validate(), cxq.ErrInvalid, name)
	}
	_, err := policy.ParseRubric([]byte(`{"id": 1}`))
	require.ErrorIs(t, err, cxq.ErrInvalid)
}

// TestEvaluationRequired: the field is read from JSON and refuses a redemption without
// the evaluation, with its own words; without it nothing is refused.
func TestEvaluationRequired(t *testing.T) {
	t.Parallel()
	p := policy.Tianjin()
	require.Empty(t, p.EvaluationReasons(false))
	b, err := json.Marshal(p)
	require.NoError(t, err)
	require.NotContains(t, string(b), "evaluation_required", "absent when false: the presets' JSON is unchanged")
	p.EvaluationRequired = true
	b, err = json.Marshal(p)
	require.NoError(t, err)
	back, err := policy.Parse(b)
	require.NoError(t, err)
	require.True(t, back.EvaluationRequired)
	rs := back.EvaluationReasons(false)
	require.Len(t, rs, 1)
	require.Equal(t, policy.CodeEvaluationMissing, rs[0].Code)
	require.Equal(t, "请先对服务机构的服务进行评价，再提交兑现申请", rs[0].Text().ZH)
	require.Empty(t, back.EvaluationReasons(true))
}

func FuzzParseRubric(f *testing.F) {
	b, err := json.Marshal(policy.NanjingRubric())
	require.NoError(f, err)
	f.Add(b)
	f.Add([]byte(`{"id":"x","version":"1","name":{"zh":"x"},"items":[{"code":"a","label":{"zh":"a"},"max":5}],"grades":[{"grade":"A","min":0}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := policy.ParseRubric(data)
		if err != nil {
			require.ErrorIs(t, err, cxq.ErrInvalid)
			return
		}
		require.NoError(t, r.Validate())
		s, err := r.Score(allPoints(r, func(it policy.RubricItem) int { return it.Max }))
		require.NoError(t, err)
		require.Equal(t, r.Max(), s.Total)
		require.Equal(t, r.Grades[0].Grade, s.Grade, "full marks earn the best grade")
	})
}

// FuzzRubricScore: any scores either are refused as invalid or give a total within the
// rubric's maximum, the sum of the points, and the grade of that total.
func FuzzRubricScore(f *testing.F) {
	f.Add(10, 10, 15, 20, 15, 10, 10, 10, "")
	f.Add(-1, 11, 0, 0, 0, 0, 0, 0, "extra")
	r := policy.NanjingRubric()
	f.Fuzz(func(t *testing.T, a, b, c, d, e, g, h, i int, extra string) {
		points := map[string]int{}
		for k, v := range []int{a, b, c, d, e, g, h, i} {
			points[r.Items[k].Code] = v
		}
		if extra != "" {
			points[extra] = 1
		}
		s, err := r.Score(points)
		if err != nil {
			require.ErrorIs(t, err, cxq.ErrInvalid)
			return
		}
		sum := 0
		for _, sc := range s.Scores {
			require.True(t, sc.Points >= 0 && sc.Points <= sc.Max)
			sum += sc.Points
		}
		require.Equal(t, sum, s.Total)
		require.LessOrEqual(t, s.Total, s.Max)
		require.Equal(t, r.GradeOf(s.Total), s.Grade)
		require.NotEmpty(t, s.Grade)
	})
}
