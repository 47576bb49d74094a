package policy

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestSanctionInForce(t *testing.T) {
	t.Parallel()
	from := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	until := from.AddDate(0, 6, 0)
	s := Sanction{Party: PartyEnterprise, PartyID: "E1", Kind: Freeze, From: from, Until: until, Basis: "津科规〔2023〕3号"}
	require.False(t, s.InForce(from.Add(-time.Second)), "not before From")
	require.True(t, s.InForce(from))
	require.True(t, s.InForce(until.Add(-time.Second)))
	require.False(t, s.InForce(until), "Until is the first instant it no longer applies")
	open := Sanction{Party: PartyController, PartyID: "C1", Kind: Blacklist, From: from}
	require.True(t, open.InForce(from.AddDate(50, 0, 0)), "open-ended")
	open.Lifted = from.AddDate(1, 0, 0)
	require.True(t, open.InForce(open.Lifted.Add(-time.Second)), "a claim made before the lifting stays refused")
	require.False(t, open.InForce(open.Lifted))
	require.Len(t, Sanctioned([]Sanction{s, open}, from.AddDate(0, 7, 0)), 1)

	r := s.Reason()
	require.Equal(t, CodeSanctioned, r.Code)
	txt := r.Text()
	require.Equal(t, "企业已被冻结（2025-03-01 至 2025-09-01，依据：津科规〔2023〕3号），不得申报或兑现创新券", txt.ZH)
	require.Contains(t, txt.EN, "enterprise is frozen (2025-03-01 to 2025-09-01")
	require.Contains(t, Sanction{Party: PartyProvider, Kind: Blacklist, From: from}.Reason().Text().ZH, "至 长期")
}
