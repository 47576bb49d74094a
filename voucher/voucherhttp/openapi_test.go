package voucherhttp_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// exchange is one API answer seen by the recorder.
type exchange struct {
	method, path string
	status       int
	ctype        string
	body         []byte
}

// recorder keeps every answer of the handler below /api/.
type recorder struct {
	mu   sync.Mutex
	seen []exchange
}

func (rc *recorder) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw := httptest.NewRecorder()
		next.ServeHTTP(rw, r)
		for k, v := range rw.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rw.Code)
		_, _ = w.Write(rw.Body.Bytes())
		if strings.HasPrefix(r.URL.Path, "/api/") && r.URL.Path != "/api/openapi.json" {
			rc.mu.Lock()
			rc.seen = append(rc.seen, exchange{r.Method, r.URL.Path, rw.Code, rw.Header().Get("Content-Type"), rw.Body.Bytes()})
			rc.mu.Unlock()
		}
	})
}

// TestOpenAPIDescribesEveryAnswer walks the whole flow and a set of failures over the
// API and checks every answer against the served OpenAPI document: the route and method
// are in it, and each JSON body has exactly the shape its schema gives (no field the
// document does not name, every required one present, the types right).
func TestOpenAPIDescribesEveryAnswer(t *testing.T) {
	s := newSite(t)
	rc := s.recorded()
	f := apiFlow(t, s)
	for _, p := range []string{"/api/me", "/api/slots", "/api/orders", "/api/applications", "/api/redemptions?queue=1",
		"/api/applications/" + f.app.ID + "/audit", "/api/orders/" + f.order.ID} {
		s.ok("enterprise", "GET", p, nil, nil)
	}
	for _, p := range []string{"/api/statistics", "/api/statistics/records?kind=applications&dim=all", "/api/statistics.xlsx",
		"/api/statistics.csv", "/api/statistics/records.csv?kind=redemptions&dim=all", "/api/applications.csv", "/api/redemptions.xlsx"} {
		s.ok("office", "GET", p, nil, nil)
	}
	s.ok("enterprise", "GET", "/api/statistics", nil, nil)
	s.do("office", "GET", "/api/statistics/records?kind=orders", nil)
	s.do("enterprise", "GET", "/api/applications/nope", nil)
	s.do("", "GET", "/api/orders", nil)
	s.do("enterprise", "POST", "/api/orders", []byte(`{"product_id": 7}`))
	s.do("district", "POST", "/api/applications/"+f.app.ID+"/review", map[string]any{"action": "approve"})
	s.ok("enterprise", "POST", "/api/verify", map[string]any{"kind": "redemption", "id": f.red.ID, "version": 1, "code": "AAAA"}, nil)
	s.deliver()
	var in struct{ Items []struct{ ID string } }
	s.ok("enterprise", "GET", "/api/messages", nil, &in)
	s.ok("enterprise", "POST", "/api/messages/"+url.PathEscape(in.Items[0].ID)+"/read", map[string]any{}, nil)
	s.do("enterprise", "POST", "/api/messages/nope/read", map[string]any{})

	covered := checkAnswers(t, s, rc)
	require.Greater(t, len(covered), 20, "the flow reaches most routes")
}

// recorded serves s through a recorder of its API's answers, for checkAnswers.
func (s *site) recorded() *recorder {
	rc := &recorder{}
	s.srv.Close()
	s.srv = httptest.NewServer(rc.wrap(s.h))
	s.t.Cleanup(s.srv.Close)
	return rc
}

// checkAnswers checks every answer rc saw against the served OpenAPI document and
// returns the routes ("GET /api/orders/{id}") they covered.
func checkAnswers(t *testing.T, s *site, rc *recorder) map[string]bool {
	t.Helper()
	var doc map[string]any
	s.ok("", "GET", "/api/openapi.json", nil, &doc)
	require.Equal(t, "3.1.0", doc["openapi"])
	v := &validator{doc: doc}
	paths := doc["paths"].(map[string]any)
	require.NotEmpty(t, rc.seen)
	covered := map[string]bool{}
	for _, ex := range rc.seen {
		tmpl, op := v.operation(paths, ex.method, ex.path)
		require.NotNil(t, op, "%s %s is not in the OpenAPI document", ex.method, ex.path)
		covered[ex.method+" "+tmpl] = true
		resp, ok := op["responses"].(map[string]any)[fmt.Sprint(ex.status)].(map[string]any)
		require.True(t, ok, "%s %s answered %d, not documented", ex.method, ex.path, ex.status)
		content := resp["content"].(map[string]any)
		media, _, _ := strings.Cut(ex.ctype, ";")
		sch, ok := content[media].(map[string]any)
		require.True(t, ok, "%s %s answered %s, documented %v", ex.method, ex.path, media, content)
		if media != "application/json" {
			continue
		}
		var body any
		require.NoError(t, json.Unmarshal(ex.body, &body))
		if msg := v.check(sch["schema"].(map[string]any), body, "$"); msg != "" {
			t.Errorf("%s %s (%d): %s\n%s", ex.method, ex.path, ex.status, msg, ex.body)
		}
	}
	return covered
}

// TestOpenAPIListsEveryRoute: every route of the document is served (none answers the
// handler's no_route), and a path outside it is not.
func TestOpenAPIListsEveryRoute(t *testing.T) {
	s := newSite(t)
	var doc map[string]any
	s.ok("", "GET", "/api/openapi.json", nil, &doc)
	status, body := s.do("enterprise", "GET", "/api/no/such/route", nil)
	require.Equal(t, http.StatusNotFound, status)
	require.Contains(t, string(body), `"code":"no_route"`)
	for name := range doc["components"].(map[string]any)["schemas"].(map[string]any) {
		require.Regexp(t, `^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$`, name, "every component has the name of its type")
	}
	param := regexp.MustCompile(`\{[a-z_]+\}`)
	for path, ops := range doc["paths"].(map[string]any) {
		for method := range ops.(map[string]any) {
			status, body := s.do("enterprise", strings.ToUpper(method), param.ReplaceAllString(path, "x"), []byte("{}"))
			require.False(t, status == http.StatusNotFound && bytes.Contains(body, []byte(`"code":"no_route"`)),
				"%s %s is documented but not served", method, path)
			require.NotEqual(t, http.StatusMethodNotAllowed, status, "%s %s", method, path)
		}
	}
}

// validator checks JSON values against the subset of JSON Schema the document uses.
type validator struct{ doc map[string]any }

// operation finds the documented operation of method on path.
// A path the document names literally is that operation, as the mux routes it
// (/api/notices/awaiting, not /api/notices/{id}).
func (v *validator) operation(paths map[string]any, method, path string) (string, map[string]any) {
	if ops, ok := paths[path].(map[string]any); ok {
		if op, ok := ops[strings.ToLower(method)].(map[string]any); ok {
			return path, op
		}
	}
	for tmpl, ops := range paths {
		re := "^" + regexp.MustCompile(`\\\{[a-z_]+\\\}`).ReplaceAllString(regexp.QuoteMeta(tmpl), `[^/]+`) + "$"
		if regexp.MustCompile(re).MatchString(path) {
			if op, ok := ops.(map[string]any)[strings.ToLower(method)].(map[string]any); ok {
				return tmpl, op
			}
		}
	}
	return "", nil
}

func (v *validator) resolve(s map[string]any) map[string]any {
	for {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		s = v.doc["components"].(map[string]any)["schemas"].(map[string]any)[name].(map[string]any)
	}
}

// check returns what is wrong with value at where, or "".
func (v *validator) check(s map[string]any, value any, where string) string {
	s = v.resolve(s)
	if len(s) == 0 {
		return ""
	}
	if !typeMatches(s["type"], value) {
		return fmt.Sprintf("%s: %T does not match type %v", where, value, s["type"])
	}
	if pat, ok := s["pattern"].(string); ok {
		if !regexp.MustCompile(pat).MatchString(value.(string)) {
			return fmt.Sprintf("%s: %q does not match %s", where, value, pat)
		}
	}
	switch x := value.(type) {
	case []any:
		if items, ok := s["items"].(map[string]any); ok {
			for i, it := range x {
				if msg := v.check(items, it, fmt.Sprintf("%s[%d]", where, i)); msg != "" {
					return msg
				}
			}
		}
	case map[string]any:
		return v.checkObject(s, x, where)
	}
	return ""
}

func (v *validator) checkObject(s map[string]any, x map[string]any, where string) string {
	props, _ := s["properties"].(map[string]any)
	for _, r := range anyStrings(s["required"]) {
		if _, ok := x[r]; !ok {
			return fmt.Sprintf("%s: required %q missing", where, r)
		}
	}
	for k, val := range x {
		if p, ok := props[k].(map[string]any); ok {
			if msg := v.check(p, val, where+"."+k); msg != "" {
				return msg
			}
			continue
		}
		if extra, ok := s["additionalProperties"].(map[string]any); ok {
			if msg := v.check(extra, val, where+"."+k); msg != "" {
				return msg
			}
			continue
		}
		if s["additionalProperties"] == false {
			return fmt.Sprintf("%s: field %q is not in the schema", where, k)
		}
	}
	return ""
}

func anyStrings(v any) []string {
	var out []string
	switch x := v.(type) {
	case []any:
		for _, s := range x {
			out = append(out, s.(string))
		}
	}
	return out
}

func typeMatches(t any, value any) bool {
	var types []string
	switch x := t.(type) {
	case nil:
		return true
	case string:
		types = []string{x}
	default:
		types = anyStrings(x)
	}
	kind := "null"
	switch n := value.(type) {
	case string:
		kind = "string"
	case bool:
		kind = "boolean"
	case float64:
		kind = "number"
		if n == float64(int64(n)) && slices.Contains(types, "integer") {
			kind = "integer"
		}
	case []any:
		kind = "array"
	case map[string]any:
		kind = "object"
	}
	return slices.Contains(types, kind)
}
