package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
)

// internalJSON is the answer when a value cannot be encoded: the kernel's error shape,
// naming nothing of the server.
const internalJSON = `{"errors":[{"field":"","code":"internal","params":{},"message_zh":"内部错误","message_en":"internal error"}]}` + "\n"

// WriteJSON writes v as JSON with status. The encoder escapes <, > and &, and the answer
// carries nosniff and a CSP that runs nothing, so no answer can be read as HTML.
// cache is the Cache-Control value ("no-store" for anything personal).
func WriteJSON(w http.ResponseWriter, r *http.Request, status int, cache string, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(internalJSON)
	}
	hd := w.Header()
	hd.Set("Content-Type", "application/json; charset=utf-8")
	hd.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	hd.Set("X-Content-Type-Options", "nosniff")
	if cache != "" {
		hd.Set("Cache-Control", cache)
	}
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = buf.WriteTo(w)
	}
}
