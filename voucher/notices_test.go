package voucher_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/memstore"
	"github.com/cxqkit/cxq/voucher/policy"
)

func TestReminderDaysValidated(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		days []int
		ok   bool
	}{
		{nil, true}, {[]int{}, true}, {[]int{14, 3}, true}, {[]int{voucher.MaxReminderDays}, true},
		{[]int{0}, false}, {[]int{-1}, false}, {[]int{voucher.MaxReminderDays + 1}, false}, {[]int{7, 7}, false},
	} {
		prog, err := voucher.ShippedProgramme(policy.PresetTianjin)
		require.NoError(t, err)
		_, err = voucher.New(voucher.Config{Store: memstore.New(), Now: time.Now, Programme: prog, Catalog: voucher.CatalogOf(nil, nil),
			Enterprises: voucher.EnterprisesOf(), People: voucher.PeopleOf(), Audit: voucher.AuditKeys{Unkeyed: true}, ReminderDays: tc.days})
		if tc.ok {
			require.NoError(t, err, "%v", tc.days)
		} else {
			require.ErrorIs(t, err, cxq.ErrInvalid, "%v", tc.days)
		}
	}
}

func TestAddresses(t *testing.T) {
	t.Parallel()
	require.Equal(t, []string{"person:u1", "org:E1"}, voucher.Actor{ID: "u1", Role: voucher.RoleEnterprise, Org: "E1"}.Addresses())
	require.Equal(t, []string{"person:r1", "district:河西区"}, voucher.Actor{ID: "r1", Role: voucher.RoleDistrict, District: "河西区"}.Addresses())
	require.Equal(t, []string{"person:r2"}, voucher.Actor{ID: "r2", Role: voucher.RoleProfessional, Org: "E1"}.Addresses())
	require.Empty(t, voucher.Actor{}.Addresses())
}
