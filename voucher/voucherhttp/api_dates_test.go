package voucherhttp_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/voucherhttp"
)

// TestDatesInBodies: a body's time reads as RFC 3339 or as a date, the start of that
// day in China time, full-width digits too; anything else names its field.
func TestDatesInBodies(t *testing.T) {
	s := newSite(t)
	order := s.placeOrder(true)
	for _, bad := range []any{20261201, "2026/12/01", "12/01/2026", "2026-12-01T09:30:00", "", true} {
		form := s.applicationForm()
		form["contract_start"] = bad
		status, body := s.do("enterprise", "POST", "/api/applications", map[string]any{"order_id": order, "form": form})
		require.Equal(t, http.StatusBadRequest, status, "%v: %s", bad, body)
		require.Contains(t, string(body), `"field":"form.contract_start"`, "%v: %s", bad, body)
		require.Contains(t, string(body), `"code":"bad_format"`, "%v: %s", bad, body)
		require.Contains(t, string(body), `2026-12-01`, "the message shows the format: %s", body)
	}
	form := s.applicationForm()
	form["contract_start"], form["contract_end"] = "２０２６-０３-０１", " 2026-09-01T00:00:00+08:00 "
	var app voucher.Application
	s.ok("enterprise", "POST", "/api/applications", map[string]any{"order_id": order, "form": form}, &app)
	require.True(t, app.Form.ContractStart.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, cxq.China())), "%v", app.Form.ContractStart)
	require.True(t, app.Form.ContractEnd.Equal(time.Date(2026, 9, 1, 0, 0, 0, 0, cxq.China())))

	// Beside plain dates, a refused amount is still named, not the date before it.
	for _, amount := range []string{"", "1e9", "NaN", "4000.001"} {
		form := s.applicationForm()
		form["contract_start"], form["contract_end"], form["estimated_amount"] = "2026-12-01", "2027-06-30", amount
		status, body := s.do("enterprise", "POST", "/api/applications", map[string]any{"order_id": order, "form": form})
		require.Equal(t, http.StatusBadRequest, status, "%q: %s", amount, body)
		require.Contains(t, string(body), `"field":"form.estimated_amount"`, "%q: %s", amount, body)
	}

	id := s.placeOrder(true)
	status, body := s.do("provider", "POST", "/api/orders/"+id+"/delivery", map[string]any{"date": "2026-13-02", "content": "完成检测"})
	require.Equal(t, http.StatusBadRequest, status, "%s", body)
	require.Contains(t, string(body), `"field":"date"`, "%s", body)
	var o voucher.Order
	s.ok("provider", "POST", "/api/orders/"+id+"/delivery", map[string]any{"date": "2026-03-02", "content": "完成检测"}, &o)
	require.True(t, o.Delivery.Date.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, cxq.China())), "%v", o.Delivery.Date)
}

// TestReadTimes: times are read through structs, slices, maps and pointers; a body
// with no date to rewrite, or more than one value, is left to the decoder.
func TestReadTimes(t *testing.T) {
	type inner struct {
		At time.Time `json:"at"`
	}
	type body struct {
		inner
		List []inner          `json:"list"`
		Map  map[string]inner `json:"map"`
		Ptr  *time.Time       `json:"ptr"`
		Note string           `json:"note"`
	}
	typ := reflect.TypeFor[body]()
	for in, want := range map[string]string{
		`{"at": "2026-12-01"}`: `{"at":"2026-12-01T00:00:00+08:00"}`,
		`{"list": [{"at": "2026-12-01T01:00:00Z"}, {"at": "2026-01-02"}]}`: `{"list":[{"at":"2026-12-01T01:00:00Z"},{"at":"2026-01-02T00:00:00+08:00"}]}`,
		`{"map": {"a": {"AT": "2026-01-02"}}, "ptr": null}`:                `{"map":{"a":{"AT":"2026-01-02T00:00:00+08:00"}},"ptr":null}`,
		`{"ptr": "2026-01-02", "note": "2026-01-02"}`:                      `{"note":"2026-01-02","ptr":"2026-01-02T00:00:00+08:00"}`,
		`{"at": "2026-12-01T00:00:00+08:00"}`:                              ``,
		`{"at": "2026-12-01"} {}`:                                          ``,
	} {
		out, err := voucherhttp.ReadTimes([]byte(in), typ)
		require.NoError(t, err, in)
		require.Equal(t, want, string(out), in)
	}
	for in, field := range map[string]string{
		`{"list": [{"at": "2026-12-01"}, {"at": 1}]}`: "list[1].at",
		`{"ptr": "tomorrow"}`:                         "ptr",
		`{"map": {"k": {"at": "2026-02-30"}}}`:        "map.k.at",
	} {
		_, err := voucherhttp.ReadTimes([]byte(in), typ)
		var fe *cxq.FieldError
		require.ErrorAs(t, err, &fe, in)
		require.Equal(t, field, fe.Field, in)
		require.ErrorIs(t, err, cxq.ErrInvalid)
	}
}

// FuzzReadTimes: reading the times of any body never panics, and what it rewrites
// decodes.
func FuzzReadTimes(f *testing.F) {
	f.Add(`{"at": "2026-12-01", "list": [{"at": "x"}]}`)
	f.Add(`{"at": "２０２６-１２-０１"}`)
	type body struct {
		At   time.Time `json:"at"`
		List []struct {
			At time.Time `json:"at"`
		} `json:"list"`
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := voucherhttp.ReadTimes([]byte(in), reflect.TypeFor[body]())
		if err != nil || out == nil {
			return
		}
		var b body
		require.NoError(t, json.Unmarshal(out, &b), "%s → %s", in, out)
	})
}
