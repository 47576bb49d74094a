package voucherhttp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/internal/web"
	"github.com/cxqkit/cxq/voucher"
)

// route is one operation of the JSON API: what mounts it and what documents it.
type route struct {
	method, path string // path below the prefix, e.g. "/api/orders/{id}"
	summary      string
	query        []string // the query parameters it reads
	in, out      any      // zero values of the body and answer types; in is nil for none
	raw          string   // the answer's media type when it is not JSON
	limited      bool     // a client may be refused for asking too often (429)
	handler      http.HandlerFunc
}

// apiRoute registers r on the mux and keeps it for the OpenAPI document. A route that
// names the query parameters it reads refuses any other, which it would ignore.
func (h *Handler) apiRoute(r route) {
	h.routes = append(h.routes, r)
	handler := r.handler
	if len(r.query) > 0 {
		handler = func(w http.ResponseWriter, req *http.Request) {
			if err := onlyQuery(req, r.query); err != nil {
				h.failAPI(w, req, err)
				return
			}
			r.handler(w, req)
		}
	}
	h.mux.HandleFunc(r.method+" "+r.path, handler)
}

// CodeUnknownParam is the refusal of a query parameter the operation does not read.
const CodeUnknownParam = "unknown_param"

// onlyQuery refuses the query parameters of r not among accepted, naming each.
func onlyQuery(r *http.Request, accepted []string) error {
	var p cxq.Problems
	for _, k := range slices.Sorted(maps.Keys(r.URL.Query())) {
		if !slices.Contains(accepted, k) {
			name := cxq.Clip(k, 40)
			p.Add(cxq.NewFieldError(name, CodeUnknownParam, map[string]string{"param": name, "accepted": strings.Join(accepted, ", ")},
				cxq.T("不支持查询参数 {param}（可用：{accepted}）", "the query parameter {param} is not supported (use {accepted})")))
		}
	}
	return p.Err()
}

// read adapts a read to an http.HandlerFunc.
func read[Out any](h *Handler, fn func(ctx context.Context, who voucher.Actor, r *http.Request) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		who, err := h.actor(r)
		if err != nil {
			h.failAPI(w, r, err)
			return
		}
		out, err := fn(r.Context(), who, r)
		if err != nil {
			h.failAPI(w, r, err)
			return
		}
		web.WriteJSON(w, r, http.StatusOK, "no-store", out)
	}
}

// readID is read of a record the path's {id} names, got with get.
func readID[Out any](h *Handler, get func(ctx context.Context, who voucher.Actor, id string) (Out, error)) http.HandlerFunc {
	return read(h, func(ctx context.Context, who voucher.Actor, r *http.Request) (Out, error) {
		return get(ctx, who, r.PathValue("id"))
	})
}

// change adapts a change with a JSON body of type In to an http.HandlerFunc. The
// Idempotency-Key header is passed on: a retry with the same key has one effect.
func change[In, Out any](h *Handler, fn func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in In) (Out, error)) http.HandlerFunc {
	return changeAs(h, h.actor, fn)
}

// changeAs is change with asker saying who asks (or refusing the request).
func changeAs[In, Out any](h *Handler, asker func(*http.Request) (voucher.Actor, error),
	fn func(ctx context.Context, who voucher.Actor, key string, r *http.Request, in In) (Out, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		who, err := asker(r)
		if err != nil {
			h.failAPI(w, r, err)
			return
		}
		var in In
		if err := jsonBody(r); err != nil {
			h.failAPI(w, r, err)
			return
		}
		if err := decodeBody(w, r, h.opts.MaxBodyBytes, &in); err != nil {
			h.failAPI(w, r, err)
			return
		}
		out, err := fn(r.Context(), who, r.Header.Get("Idempotency-Key"), r, in)
		if err != nil {
			h.failAPI(w, r, err)
			return
		}
		web.WriteJSON(w, r, http.StatusOK, "no-store", out)
	}
}

// failAPI answers an error in the kernel's JSON shape with the status of its kind:
// nobody signed in is 401; a failure of the server is logged and shown without detail.
func (h *Handler) failAPI(w http.ResponseWriter, r *http.Request, err error) {
	retryAfter(w, err)
	status := h.status(r, err)
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Session realm="cxq"`)
	}
	web.WriteJSON(w, r, status, "no-store", voucher.Explain(err))
}

// status is the HTTP status of err, logging the server's own failures.
func (h *Handler) status(r *http.Request, err error) int {
	switch {
	case errors.Is(err, errNoSession):
		return http.StatusUnauthorized
	case errors.Is(err, errNoRoute):
		return http.StatusNotFound
	case errors.Is(err, errCrossOrigin):
		return http.StatusForbidden
	case errors.Is(err, errNotJSON):
		return http.StatusUnsupportedMediaType
	case errors.Is(err, errTooManyObjections):
		return http.StatusTooManyRequests // a *rateLimitError
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) || errors.Is(err, errBodyTooLarge) {
		return http.StatusRequestEntityTooLarge
	}
	status := web.Status(err)
	if status == http.StatusInternalServerError && r.Context().Err() == nil {
		h.opts.Logger.ErrorContext(r.Context(), "voucher request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	return status
}

// errNotJSON answers a change whose body is not declared JSON: a page of another site
// can post text/plain without asking first, never application/json.
var errNotJSON = cxq.NewFieldError("content_type", "not_json", nil,
	cxq.T("请求体须为 JSON（Content-Type: application/json）", "the body must be JSON (Content-Type: application/json)"))

// jsonBody refuses a body that does not say it is JSON.
func jsonBody(r *http.Request) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return errNotJSON
	}
	return nil
}

// decodeBody reads one JSON object of at most max bytes; unknown fields are errors.
func decodeBody(w http.ResponseWriter, r *http.Request, max int64, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return bodyTooLarge(max)
	}
	if err != nil {
		return bodyError(err)
	}
	dec, err := decodeStrict(body, v)
	if err != nil {
		// A time written as a date, or not as a time at all, is read or named here; a
		// body that decodes needs neither.
		fixed, terr := readTimes(body, reflect.TypeOf(v))
		if terr != nil {
			return terr
		}
		if fixed != nil {
			reflect.ValueOf(v).Elem().SetZero()
			body = fixed // what is decoded, and so what a refusal is looked for in
			dec, err = decodeStrict(body, v)
		}
	}
	if err != nil {
		var fe *cxq.FieldError
		if errors.As(err, &fe) && fe.Field == "" {
			if path := failingPath(body, reflect.TypeOf(v)); path != "" {
				return fe.WithField(path)
			}
		}
		return bodyError(err)
	}
	if dec.More() {
		return cxq.NewFieldError("body", cxq.CodeFormat, nil, cxq.T("请求体只能有一个 JSON 对象", "the body must hold one JSON object"))
	}
	return nil
}

// decodeStrict decodes the first JSON value of body into v, refusing unknown fields,
// and returns the decoder to ask for more.
func decodeStrict(body []byte, v any) (*json.Decoder, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	return dec, dec.Decode(v)
}

// errBodyTooLarge marks the problem of a body over the limit (answered 413).
var errBodyTooLarge = errors.New("voucherhttp: body too large")

// tooLarge is the problem of a body over its limit: shown as a field error, answered 413.
type tooLarge struct{ *cxq.FieldError }

func (e tooLarge) Unwrap() []error { return []error{e.FieldError, errBodyTooLarge} }

// bodyTooLarge is the problem of a request body over max bytes.
func bodyTooLarge(max int64) error {
	return tooLarge{cxq.NewFieldError("body", cxq.CodeTooLong, map[string]string{"max": strconv.FormatInt(max, 10)},
		cxq.T("请求体不得超过 {max} 字节", "the request body must be at most {max} bytes"))}
}

// bodyError says what is wrong with a request body in words a person can act on: the
// field and its problem, never the decoder's own text (which names Go types).
func bodyError(err error) error {
	var fe *cxq.FieldError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &fe):
		return fe
	case errors.As(err, &te) && te.Field == "":
		return cxq.NewFieldError("body", cxq.CodeFormat, nil, cxq.T("请求体应为一个 JSON 对象", "the body must be a JSON object"))
	case errors.As(err, &te):
		return cxq.NewFieldError(te.Field, cxq.CodeFormat, map[string]string{"field": te.Field},
			cxq.T("字段 {field} 的值类型不正确", "the value of {field} has the wrong type"))
	case strings.HasPrefix(err.Error(), `json: unknown field "`):
		name := strings.TrimSuffix(strings.TrimPrefix(err.Error(), `json: unknown field "`), `"`)
		return cxq.NewFieldError(cxq.Clip(name, 40), cxq.CodeFormat, map[string]string{"field": cxq.Clip(name, 40)},
			cxq.T("请求体含未知字段 {field}", "the body holds an unknown field {field}"))
	}
	return cxq.NewFieldError("body", cxq.CodeFormat, nil, cxq.T("请求体不是有效的 JSON", "the request body is not valid JSON"))
}

// yearMismatch is the problem of a body whose budget.year is not the year of its path,
// which would otherwise be saved under the path's year unseen.
func yearMismatch(year int) error {
	return cxq.NewFieldError("budget.year", "year_mismatch", map[string]string{"year": strconv.Itoa(year)},
		cxq.T("预算年度须与地址中的年度 {year} 一致（可省略）", "the budget's year must be the year of the path, {year} (or be left out)"))
}

// listQuery reads the list parameters: product, provider, status, queue, page, per_page.
func listQuery(r *http.Request) (voucher.Query, error) {
	v := r.URL.Query()
	q := voucher.Query{Product: v.Get("product"), Provider: v.Get("provider"), Status: voucher.State(v.Get("status")),
		Queue: v.Get("queue") == "1"}
	var p cxq.Problems
	if s := v.Get("queue"); s != "" && s != "0" && s != "1" {
		p.Add(cxq.NewFieldError("queue", cxq.CodeFormat, nil,
			cxq.T("queue 应为 1（待我审核）或 0", "queue must be 1 (awaiting me) or 0")))
	}
	for _, f := range []struct {
		name  string
		label cxq.Text
		to    *int
		max   int
	}{{"page", cxq.T("页码", "the page number"), &q.Page, 1_000_000},
		{"per_page", cxq.T("每页条数", "the page size"), &q.PerPage, voucher.MaxPerPage}} {
		s := v.Get(f.name)
		if s == "" {
			continue
		}
		n, err := wholeNumber(s)
		if err != nil || n < 1 || n > f.max {
			p.Add(cxq.NewFieldError(f.name, cxq.CodeOutOfRange, map[string]string{"min": "1", "max": strconv.Itoa(f.max)},
				cxq.T(f.label.ZH+"应为 {min} 到 {max} 之间的整数", f.label.EN+" must be a whole number from {min} to {max}")))
			continue
		}
		*f.to = n
	}
	return q, p.Err()
}

var listParams = []string{"product", "provider", "status", "queue", "page", "per_page"}
