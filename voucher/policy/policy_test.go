package policy_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// The -update flag rewrites golden files. It is registered here unless another test file
// of the binary already did.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// goldenJSON compares v, as indented JSON, with the golden file testdata/<path> (written
// from v with -update) and returns the file's bytes.
func goldenJSON(t *testing.T, v any, path ...string) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	b = append(b, '\n')
	file := filepath.Join(append([]string{"testdata"}, path...)...)
	if updating() {
		require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o755))
		require.NoError(t, os.WriteFile(file, b, 0o644))
	}
	want, err := os.ReadFile(file)
	require.NoError(t, err)
	require.Equal(t, string(want), string(b))
	return want
}

// TestPresetsJSON round-trips every preset through JSON and compares the JSON with
// testdata/presets/<id>.json (rewrite with -update).
func TestPresetsJSON(t *testing.T) {
	t.Parallel()
	for _, p := range policy.Presets().All() {
		t.Run(p.ID, func(t *testing.T) {
			t.Parallel()
			require.NoError(t, p.Validate())
			want := goldenJSON(t, p, "presets", p.ID+".json")
			back, err := policy.Parse(want)
			require.NoError(t, err)
			again, err := json.MarshalIndent(back, "", "  ")
			require.NoError(t, err)
			require.Equal(t, string(want), string(append(again, '\n')))
			require.Equal(t, p.Ref(), back.Ref())
			require.True(t, p.From.Equal(back.From))
		})
	}
}

func TestPresetLookup(t *testing.T) {
	t.Parallel()
	for _, id := range []string{policy.PresetTianjin, policy.PresetHebei, policy.PresetLangfang, policy.PresetChangping} {
		p, err := policy.Presets().Latest(id)
		require.NoError(t, err)
		require.Equal(t, id, p.ID)
		require.NotEmpty(t, p.Sources, "every preset names its source")
	}
	_, err := policy.Presets().Latest("atlantis")
	require.ErrorIs(t, err, cxq.ErrNotFound)
}

func TestParsePolicyDefaults(t *testing.T) {
	t.Parallel()
	p, err := policy.Parse([]byte(`{"id":"x","version":"1","name":{"zh":"某区创新券","en":"x"},"rate":"2/3","annual_cap":"5000.00"}`))
	require.NoError(t, err)
	require.Equal(t, cxq.RoundDown, p.Rounding)
	require.Equal(t, policy.PerYear, p.Period)
	require.Equal(t, "2/3", p.Rate.String())

	_, err = policy.Parse([]byte(`{"id":`))
	require.ErrorIs(t, err, cxq.ErrInvalid)
	_, err = policy.Parse([]byte(`{"id":"x","version":"1","name":{"zh":"x"},"rate":"1.5"}`))
	require.ErrorIs(t, err, cxq.ErrInvalid)
}

func TestPolicyValidateReportsEveryProblem(t *testing.T) {
	t.Parallel()
	until := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	p := policy.Policy{
		From: time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC), Until: &until,
		Rate:          cxq.Percent(95),
		Tiers:         []policy.Tier{{Enterprise: "downtown", Rate: cxq.Percent(50), AnnualCap: cxq.MustMoney("10").Neg()}},
		Bonuses:       []policy.Bonus{{Points: cxq.Percent(10)}, {}},
		MinContract:   cxq.MustMoney("1").Neg(),
		Period:        policy.PerCycle,
		ReclaimAbove:  cxq.Percent(100),
		Usage:         policy.UsageRules{ValidMonths: -1, LowUsageBan: "forever"},
		Excluded:      []policy.Exclusion{{}},
		Rounding:      "sideways",
		FirstClaimCap: cxq.Yuan(1),
	}
	err := p.Validate()
	var ve *cxq.ValidationError
	require.ErrorAs(t, err, &ve)
	var fields []string
	for _, fe := range ve.Errors {
		fields = append(fields, fe.Field+" "+fe.Code)
		require.NotContains(t, fe.Message(cxq.ZH), "{")
	}
	require.Equal(t, []string{
		"id required", "version required", "name.zh required", "until policy_dates",
		"rate policy_rate", "tiers[0].enterprise policy_value", "tiers[0].annual_cap policy_value",
		"bonuses[1].points policy_bonus", "min_contract policy_value", "cycle_months policy_value",
		"rounding policy_value", "reclaim_above policy_value", "usage.valid_months policy_value",
		"usage.low_usage_ban policy_value", "excluded[0].code policy_exempt", "usage.low_usage_ban policy_inert",
	}, fields)
}

func TestPolicyRegistry(t *testing.T) {
	t.Parallel()
	old := policy.Tianjin()
	newer := policy.Tianjin()
	newer.Version = "2024"
	newer.From = time.Date(2024, 1, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))
	newer.MinContract = cxq.Yuan(2000)
	until := newer.From
	old.Until = &until
	r, err := policy.NewRegistry(old, newer, policy.Hebei())
	require.NoError(t, err)

	got, err := r.Get(policy.Ref{ID: "tianjin", Version: "2017"})
	require.NoError(t, err)
	require.Equal(t, "4000.00", got.MinContract.String())

	got, err = r.At("tianjin", time.Date(2023, 12, 31, 15, 59, 59, 0, time.UTC))
	require.NoError(t, err)
	require.Equal(t, "2017", got.Version)
	got, err = r.At("tianjin", time.Date(2023, 12, 31, 16, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	require.Equal(t, "2024", got.Version)

	_, err = r.At("tianjin", time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC))
	require.ErrorIs(t, err, cxq.ErrNotFound)
	_, err = r.Get(policy.Ref{ID: "tianjin", Version: "1999"})
	require.ErrorIs(t, err, cxq.ErrNotFound)
	require.Equal(t, []policy.Ref{{ID: "tianjin", Version: "2017"}, {ID: "tianjin", Version: "2024"}, {ID: "hebei", Version: "2016"}}, r.Refs())

	_, err = policy.NewRegistry(policy.Hebei(), policy.Hebei())
	require.ErrorIs(t, err, cxq.ErrConflict)
	_, err = policy.NewRegistry(policy.Policy{})
	require.ErrorIs(t, err, cxq.ErrInvalid)
}

// TestPolicyRegistryKeepsItsOwnCopies: neither the slices a caller built the registry
// from nor those of a policy it handed out can change a registered version.
func TestPolicyRegistryKeepsItsOwnCopies(t *testing.T) {
	t.Parallel()
	cp := policy.BeijingChangping()
	until := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	cp.Until = &until
	r, err := policy.NewRegistry(cp)
	require.NoError(t, err)
	want, err := r.Get(cp.Ref())
	require.NoError(t, err)
	require.Equal(t, cp, want)

	cp.Tiers[0].Rate = cxq.Percent(100)
	cp.Excluded[0].Categories = append(cp.Excluded[0].Categories[:0:0], "x")
	until = until.AddDate(-10, 0, 0)
	got, err := r.Get(cp.Ref())
	require.NoError(t, err)
	got.Bonuses[0].Points = cxq.Percent(90)
	got.Sources[0].URL = "changed"

	for _, get := range []func() (policy.Policy, error){
		func() (policy.Policy, error) { return r.Get(cp.Ref()) },
		func() (policy.Policy, error) { return r.At(cp.ID, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)) },
	} {
		again, err := get()
		require.NoError(t, err)
		require.Equal(t, want, again)
		require.Equal(t, "50%", again.Tiers[0].Rate.Percent())
	}
}

func TestTermsFor(t *testing.T) {
	t.Parallel()
	p := policy.BeijingChangping()
	cp := policy.Place{Region: "北京", District: "昌平"}
	hd := policy.Place{Region: "北京", District: "海淀"}
	lab := policy.Place{Region: "北京", District: "昌平", Park: "未来科学城", CentralSOE: true}
	tests := []struct {
		ent, prov policy.Place
		rate, cap string
	}{
		{cp, cp, "50%", "200000.00"},
		{cp, hd, "40%", "200000.00"},
		{hd, cp, "30%", "100000.00"},
		{hd, hd, "20%", "50000.00"},
		{cp, lab, "60%", "200000.00"},
		{hd, lab, "40%", "100000.00"},
	}
	for _, tt := range tests {
		terms := p.TermsFor(tt.ent, tt.prov)
		require.Equal(t, tt.rate, terms.Rate.Percent(), "%v → %v", tt.ent, tt.prov)
		require.Equal(t, tt.cap, terms.Cap.String())
	}
}

func FuzzParsePolicy(f *testing.F) {
	for _, p := range policy.Presets().All() {
		b, err := json.Marshal(p)
		require.NoError(f, err)
		f.Add(b)
	}
	f.Add([]byte(`{"id":"x","version":"1","name":{"zh":"x"},"rate":"2/3","tiers":[{"rate":"NaN"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := policy.Parse(data)
		if err != nil {
			require.ErrorIs(t, err, cxq.ErrInvalid)
			return
		}
		require.NoError(t, p.Validate())
		// A valid policy computes without panicking.
		_, _, _ = policy.ApplicationAmount(p, policy.ClaimInput{At: p.From, Contract: cxq.Yuan(9099)})
	})
}
