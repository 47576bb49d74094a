package voucherhttp

import (
	"encoding/json"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher/policy"
)

// The OpenAPI document is made from the route table itself (the same table that mounts
// the routes) and the Go types of each body and answer, by reflection over their JSON
// encoding: a route cannot be served without being documented, nor a field answered
// without being in its schema. A field's `doc` tag, where it has one, is its
// description.

// schema is a JSON Schema object as OpenAPI 3.1 uses it.
type schema = map[string]any

// openAPI builds the document.
func (h *Handler) openAPI() map[string]any {
	g := &schemaGen{defs: map[string]schema{}}
	in := &schemaGen{defs: g.defs, in: true}
	paths := map[string]map[string]any{}
	for _, rt := range h.routes {
		op := map[string]any{"summary": rt.summary, "operationId": operationID(rt),
			"responses": g.responses(rt)}
		var params []any
		for _, name := range pathParams(rt.path) {
			params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": schema{"type": "string"}})
		}
		for _, name := range rt.query {
			params = append(params, map[string]any{"name": name, "in": "query", "schema": schema{"type": "string"}})
		}
		if rt.method != "GET" {
			params = append(params, map[string]any{"name": "Idempotency-Key", "in": "header",
				"description": "a retry with the same key has one effect", "schema": schema{"type": "string", "maxLength": 128}})
		}
		if params != nil {
			op["parameters"] = params
		}
		switch {
		case rt.in != nil:
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/json": map[string]any{"schema": in.of(reflect.TypeOf(rt.in))}}}
		case rt.raw != "" && rt.method == "POST":
			op["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/octet-stream": map[string]any{"schema": schema{"type": "string", "contentMediaType": "application/octet-stream"}}}}
		}
		if paths[rt.path] == nil {
			paths[rt.path] = map[string]any{}
		}
		paths[rt.path][strings.ToLower(rt.method)] = op
	}
	return map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{"title": "cxq voucher API", "version": "1",
			"description": "The voucher lifecycle of the Tianjin enterprise user manual. Paths are below the handler's prefix. " +
				"An operation that lists query parameters refuses any other (400, code unknown_param). Times in bodies " +
				"are RFC 3339 or a date 2026-12-01, the start of that day in China time."},
		"paths":      paths,
		"components": map[string]any{"schemas": g.defs},
	}
}

// responses documents a route's answers: its success and the kernel's error shape.
func (g *schemaGen) responses(rt route) map[string]any {
	ok := map[string]any{"description": "OK"}
	switch {
	case rt.out != nil:
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": g.of(reflect.TypeOf(rt.out))}}
	case rt.raw != "":
		ok["content"] = map[string]any{rt.raw: map[string]any{"schema": schema{"type": "string", "contentMediaType": rt.raw}}}
	}
	problem := map[string]any{"description": "the problems, each with field, code and Chinese and English message",
		"content": map[string]any{"application/json": map[string]any{"schema": schema{"$ref": "#/components/schemas/Problems"}}}}
	g.defs["Problems"], g.defs["Problem"] = problemsSchema(), problemSchema()
	out := map[string]any{"200": ok}
	for _, code := range []string{"400", "401", "403", "404", "409", "413", "415", "500"} {
		out[code] = problem
	}
	if rt.limited {
		out["429"] = problem
	}
	return out
}

// problemSchema is one problem: a field error or a rule's reason.
func problemSchema() schema {
	return schema{"type": "object", "additionalProperties": false,
		"required": []string{"code", "params", "message_zh", "message_en"}, // reasons name no field
		"properties": map[string]any{"field": schema{"type": "string"}, "code": schema{"type": "string"},
			"params":     schema{"type": "object", "additionalProperties": schema{"type": "string"}},
			"message_zh": schema{"type": "string"}, "message_en": schema{"type": "string"}}}
}

// problemsSchema is the answer of a failure: its problems.
func problemsSchema() schema {
	return schema{"type": "object", "additionalProperties": false, "required": []string{"errors"},
		"properties": map[string]any{"errors": schema{"type": "array",
			"items": schema{"$ref": "#/components/schemas/Problem"}}}}
}

var pathParam = regexp.MustCompile(`\{([a-z_]+)\}`)

func pathParams(path string) []string {
	var out []string
	for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}

func operationID(rt route) string {
	p := pathParam.ReplaceAllString(rt.path, "by_$1")
	return strings.ToLower(rt.method) + strings.NewReplacer("/", "_", ".", "_").Replace(p)
}

// schemaGen makes schemas of Go types as encoding/json writes them; named structs go
// to components.
//
// Bodies sent to the API (in) are read more leniently than answers are written: amounts
// may be typed as "4000", "4000.00" or "4,000.00", times as a date "2026-12-01", and an
// "id" a body repeats from the path is not required (the path's is used). Their
// components carry an ".input" suffix.
type schemaGen struct {
	defs map[string]schema
	in   bool
}

// Types that encode themselves, by what they write.
var (
	moneyType = reflect.TypeFor[cxq.Money]()
	timeType  = reflect.TypeFor[time.Time]()
	textType  = reflect.TypeFor[cxq.Text]()
	rawType   = reflect.TypeFor[json.RawMessage]()
	rateType  = reflect.TypeFor[cxq.Rate]()
	// Reasons and field errors both write the kernel's problem shape.
	problemTypes = []reflect.Type{reflect.TypeFor[policy.Reason](), reflect.TypeFor[cxq.FieldError](),
		reflect.TypeFor[policy.RefusedError]()}
	marshaler = reflect.TypeFor[json.Marshaler]()
)

func (g *schemaGen) of(t reflect.Type) schema {
	switch t {
	case moneyType:
		if g.in {
			return schema{"type": "string", "description": "yuan: 4000, 4000.00 or 4,000.00 (full-width digits too); at most two decimals"}
		}
		return schema{"type": "string", "pattern": `^-?[0-9]+\.[0-9]{2}$`, "description": "yuan with two decimals"}
	case timeType:
		if g.in {
			return schema{"type": "string", "description": "an RFC 3339 time (2026-12-01T09:30:00+08:00) or a date " +
				"(2026-12-01), which is the start of that day in China time (UTC+8); full-width digits too"}
		}
		return schema{"type": "string", "format": "date-time"}
	case textType:
		return schema{"type": "object", "additionalProperties": false, "properties": map[string]any{
			"zh": schema{"type": "string"}, "en": schema{"type": "string"}}}
	case rawType:
		return schema{}
	case rateType:
		return schema{"type": "string"}
	}
	if slices.Contains(problemTypes, t) {
		g.defs["Problem"] = problemSchema()
		return schema{"$ref": "#/components/schemas/Problem"}
	}
	if t.Kind() != reflect.Pointer && (t.Implements(marshaler) || reflect.PointerTo(t).Implements(marshaler)) {
		return schema{} // encodes itself in a shape of its own (a workflow definition)
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.of(t.Elem())
	case reflect.String:
		return schema{"type": "string"}
	case reflect.Bool:
		return schema{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return schema{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return schema{"type": "number"}
	case reflect.Slice, reflect.Array:
		return schema{"type": []string{"array", "null"}, "items": g.of(t.Elem())}
	case reflect.Map:
		return schema{"type": []string{"object", "null"}, "additionalProperties": g.of(t.Elem())}
	case reflect.Struct:
		return g.object(t)
	}
	return schema{}
}

// object is the schema of a struct: a reference to its component, made once; an unnamed
// struct (a body of none, struct{}{}) is written in place.
func (g *schemaGen) object(t reflect.Type) schema {
	if t.Name() == "" {
		return g.structSchema(t)
	}
	name := componentName(t)
	if g.in {
		name += ".input"
	}
	if _, ok := g.defs[name]; !ok {
		g.defs[name] = schema{} // a placeholder stops recursion
		g.defs[name] = g.structSchema(t)
	}
	return schema{"$ref": "#/components/schemas/" + name}
}

// structSchema is the object schema of struct t's fields.
func (g *schemaGen) structSchema(t reflect.Type) schema {
	props, required := map[string]any{}, []string{}
	g.fields(t, props, &required)
	s := schema{"type": "object", "additionalProperties": false, "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// fields adds t's JSON fields, embedded structs flattened as encoding/json does.
func (g *schemaGen) fields(t reflect.Type, props map[string]any, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			g.fields(f.Type, props, required)
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = described(g.of(f.Type), f.Tag.Get("doc"))
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") && !(g.in && name == "id") {
			*required = append(*required, name)
		}
	}
}

// described is s with the description a field's doc tag gives, if any; beside a $ref
// too, as OpenAPI 3.1 allows.
func described(s schema, doc string) schema {
	if doc == "" {
		return s
	}
	out := schema{"description": doc}
	for k, v := range s {
		out[k] = v
	}
	return out
}

var nonName = regexp.MustCompile(`[^A-Za-z0-9]+`)

func componentName(t reflect.Type) string {
	pkg := t.PkgPath()
	if i := strings.LastIndex(pkg, "/"); i >= 0 {
		pkg = pkg[i+1:]
	}
	n := nonName.ReplaceAllString(strings.ReplaceAll(t.Name(), "github.com/cxqkit/cxq/", ""), "_")
	return strings.Trim(pkg+"."+n, "_")
}
