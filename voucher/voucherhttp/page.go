package voucherhttp

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/voucher"
)

//go:embed assets/*.html assets/voucher.css assets/voucher.js
var assets embed.FS

// pages holds the parsed templates, the stylesheet and the script.
type pages struct {
	t   *template.Template
	css []byte
	js  []byte
}

func newPages(h *Handler) (*pages, error) {
	css, err := assets.ReadFile("assets/voucher.css")
	if err != nil {
		return nil, err
	}
	js, err := assets.ReadFile("assets/voucher.js")
	if err != nil {
		return nil, err
	}
	t, err := template.New("").Funcs(h.funcs()).ParseFS(assets, "assets/*.html")
	if err != nil {
		return nil, err
	}
	return &pages{t: t, css: css, js: js}, nil
}

// funcs are the templates' helpers.
func (h *Handler) funcs() template.FuncMap {
	return template.FuncMap{
		"href":  h.href,
		"money": func(m cxq.Money) string { return m.String() },
		// yuan writes a whole amount as the manual states limits: 4000, not 4000.00.
		"yuan": func(m cxq.Money) string { return strings.TrimSuffix(m.String(), ".00") },
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(cxq.China()).Format("2006-01-02")
		},
		"datetime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(cxq.China()).Format("2006-01-02 15:04")
		},
		"zh":       func(t cxq.Text) string { return t.ZH },
		"msg":      func(e *cxq.FieldError) string { return e.Message(cxq.ZH) },
		"size":     sizeLabel,
		"has":      hasAction,
		"action":   findAction,
		"query":    url.QueryEscape,
		"ref":      refValue,
		"slot":     h.slotLabel,
		"dateval":  dateValue,
		"moneyval": moneyValue,
		"record":   recordOf,
		"localtime": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(cxq.China()).Format("2006-01-02T15:04")
		},
		// grade names a grade of the programme's rubric: A → 优秀.
		"grade": func(g string) string { return h.svc.Rubric().GradeLabel(g).ZH },
		"keyed": func(key string, v any) keyedData { return keyedData{Key: key, V: v} },
	}
}

// keyedData is what a shared part that renders a form gets ({{template "x" (keyed $key
// .)}}): its data and the idempotency key of the page's rendering.
type keyedData struct {
	Key string
	V   any
}

// sizeLabel writes a byte count the way the manual states limits: 1M, 2M, 512K.
func sizeLabel(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + "M"
	case n >= 1<<10:
		return strconv.FormatInt((n+1<<10-1)>>10, 10) + "K"
	}
	return strconv.FormatInt(n, 10) + "B"
}

// findAction returns the action named name, if offered.
func findAction(acts []voucher.Action, name string) *voucher.Action {
	for i := range acts {
		if acts[i].Name == name {
			return &acts[i]
		}
	}
	return nil
}

// View is what every page template gets: the frame (site, navigation, who is signed in),
// the problems of a failed change, a notice after a successful one, a fresh idempotency
// key for the page's forms, and the page's own Data.
type View struct {
	Site    string
	Title   string
	Nav     []NavLink
	Me      voucher.Actor
	Logout  string
	Menu    []NavLink // the signed-in person's pages
	Errors  []*cxq.FieldError
	Notice  string
	Key     string
	Prefix  string
	CSS     string
	Data    any
	Current string // the path of the page, for the menu's aria-current
}

// notices are the fixed messages a redirect after a change may name with ?done=; no
// text of the request is ever shown back.
var notices = map[string]string{
	"ordered":    "订单已提交，等待服务机构确认。",
	"confirmed":  "订单已确认。",
	"declined":   "订单已拒绝。",
	"delivered":  "服务交付已登记。",
	"evaluated":  "服务评价已提交，提交后不可更改。",
	"saved":      "已保存。",
	"submitted":  "已提交，等待审核。",
	"withdrawn":  "已撤回。",
	"uploaded":   "附件已上传。",
	"removed":    "已删除。",
	"added":      "已添加。",
	"reviewed":   "审核意见已提交。",
	"assigned":   "审核人已分配。",
	"redeeming":  "已创建兑现申请，请填写发票和合同。",
	"calculated": "已按政策计算申请创新券金额。",
	"applying":   "已创建创新券申请，请填写申请表后提交。",
	"repeated":   "该操作已完成，无需重复提交。",
	"extended":   "创新券已延期。",
	"waiting":    "已加入候补名单。",
	"left":       "已退出候补名单。",
	"drawn":      "已抽取抽查样本。",
	"inspector":  "抽查人员已分配。",
	"finding":    "抽查结论已记录。",
	// The programme's operations (pages_operations.go, pages_sanctions.go).
	"returned":         "已退券，创新券金额已退回。",
	"return_requested": "退券申请已提交，等待管理办公室审核。",
	"decided":          "审核结果已提交。",
	"sanctioned":       "处理已登记。",
	"lifted":           "处理已解除。",
	"published":        "公示名单已发布。",
	"objected":         "异议已提交，管理办公室将予核实。",
	"closed":           "公示已结束：无异议的予以兑现，有异议的暂缓兑现。",
}

// render writes page tmpl with data. err, when set, is shown as the page's problems
// (person-safe, through voucher.Explain) and decides the status with h.status.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, who voucher.Actor, tmpl, title string, data any, err error) {
	v := View{Site: h.opts.Site, Title: title, Nav: h.opts.Nav, Me: who, Prefix: h.opts.Prefix,
		CSS: h.href("static/voucher.css"), Data: data, Key: newKey(), Current: r.URL.Path,
		Notice: notices[r.URL.Query().Get("done")], Menu: h.withMessages(r.Context(), who, h.menu(who))}
	if who.ID != "" {
		v.Logout = h.opts.LogoutHref
	}
	status := http.StatusOK
	if err != nil {
		status = h.status(r, err)
		v.Errors = voucher.Explain(err).Errors
	}
	var buf bytes.Buffer
	if xerr := h.pages.t.ExecuteTemplate(&buf, tmpl, v); xerr != nil {
		h.opts.Logger.ErrorContext(r.Context(), "voucher page failed", "page", tmpl, "err", xerr)
		http.Error(w, "内部错误 internal error", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	hd.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = buf.WriteTo(w)
	}
}

// menu lists the pages of the signed-in person's role.
func (h *Handler) menu(who voucher.Actor) []NavLink {
	switch who.Role {
	case "":
		return nil
	case voucher.RoleEnterprise:
		return []NavLink{{Label: "我买到的产品", Href: h.href("user/orders")},
			{Label: "创新券申请", Href: h.href("user/applications")},
			{Label: "创新券兑现", Href: h.href("user/redemptions")}}
	case voucher.RoleProvider:
		return []NavLink{{Label: "待确认订单", Href: h.href("provider/orders")}, {Label: "统计", Href: h.href("stats/")}}
	}
	links := []NavLink{{Label: "待审核", Href: h.href("review/")}}
	if who.Role == voucher.RoleCoordinator {
		links = append(links, NavLink{Label: "公示管理", Href: h.href("review/notices")},
			NavLink{Label: "退券审核", Href: h.href("review/returns")},
			NavLink{Label: "处理名单", Href: h.href("review/sanctions")})
	}
	links = append(links, NavLink{Label: "统计", Href: h.href("stats/")})
	if who.Role != voucher.RoleDistrict {
		links = append(links, NavLink{Label: "抽查", Href: h.href("spotchecks/")})
	}
	if who.Role == voucher.RoleCoordinator {
		links = append(links, NavLink{Label: "资金池", Href: h.href("office/budget")})
	}
	return links
}

// failPage answers an error on a page of its own: nobody signed in goes to the login
// page; anything else is the error page.
func (h *Handler) failPage(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, errNoSession) {
		h.toLogin(w, r)
		return
	}
	who, _ := h.actor(r)
	h.render(w, r, who, "error", "出错了", nil, err)
}

// toLogin sends the person to the login page, to come back to this page.
func (h *Handler) toLogin(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Path
	if r.Method != http.MethodGet {
		next = h.href("user/")
	}
	http.Redirect(w, r, h.opts.LoginHref+"?next="+url.QueryEscape(h.opts.Prefix+strings.TrimPrefix(next, "/")), http.StatusSeeOther)
}

// pageActor returns who is signed in, or sends the person to log in and reports false.
func (h *Handler) pageActor(w http.ResponseWriter, r *http.Request) (voucher.Actor, bool) {
	who, err := h.actor(r)
	if err != nil {
		h.toLogin(w, r)
		return voucher.Actor{}, false
	}
	return who, true
}

// pageActorFor returns the signed-in person when may accepts them; nobody signed in is
// sent to log in, anyone else is shown title with denied, and false is reported.
func (h *Handler) pageActorFor(w http.ResponseWriter, r *http.Request, may func(voucher.Actor) bool, title string, denied error) (voucher.Actor, bool) {
	who, ok := h.pageActor(w, r)
	if ok && !may(who) {
		h.render(w, r, who, "error", title, nil, denied)
		return who, false
	}
	return who, ok
}

// done redirects after a successful change to path (below the prefix) with its notice.
func (h *Handler) done(w http.ResponseWriter, r *http.Request, path, notice string) {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	http.Redirect(w, r, h.href(path)+sep+"done="+notice, http.StatusSeeOther)
}

// parseForm reads a urlencoded or multipart form of at most Options.MaxBodyBytes (a
// multipart one of at most limit).
func (h *Handler) parseForm(w http.ResponseWriter, r *http.Request, limit int64) error {
	if limit <= 0 {
		limit = h.opts.MaxBodyBytes
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		err = r.ParseMultipartForm(limit)
	} else {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return cxq.NewFieldError("body", cxq.CodeTooLong, map[string]string{"max": sizeLabel(limit)},
			cxq.T("提交的内容不得超过 {max}", "the submission must be at most {max}"))
	}
	if err != nil {
		return cxq.NewFieldError("body", cxq.CodeFormat, nil, cxq.T("提交的表单无法读取", "the form could not be read"))
	}
	return nil
}

// parseChange reads the form of a change to an existing record: as parseForm, and the
// version the page was rendered with is required, so that a change made from a stale
// page is refused as a conflict rather than applied over someone else's.
func (h *Handler) parseChange(w http.ResponseWriter, r *http.Request, limit int64) error {
	if err := h.parseForm(w, r, limit); err != nil {
		return err
	}
	_, err := formVersion(r)
	return err
}

// pageChange answers a change posted from a page whose form carries the version it was
// rendered with (parseChange): act makes the change with the form's idempotency key and
// that version; a refusal shows the page again with its problems (show); success
// redirects to path (below the prefix) with its notice.
func (h *Handler) pageChange(w http.ResponseWriter, r *http.Request, act func(key string, version int64) error,
	show func(error), path, notice string) {
	err := h.parseChange(w, r, 0)
	if err == nil {
		version, _ := formVersion(r)
		err = act(r.PostFormValue("key"), version)
	}
	if err != nil {
		show(err)
		return
	}
	h.done(w, r, path, notice)
}

// pageCreate answers a form posted from a page that makes something new (parseForm, no
// version to check): act makes it with the form's idempotency key and returns the path
// (below the prefix) to send the person to; a refusal shows the page again with its
// problems (show); success redirects to that path with its notice.
func (h *Handler) pageCreate(w http.ResponseWriter, r *http.Request, act func(key string) (path string, err error),
	show func(error), notice string) {
	err := h.parseForm(w, r, 0)
	var path string
	if err == nil {
		path, err = act(r.PostFormValue("key"))
	}
	if err != nil {
		show(err)
		return
	}
	h.done(w, r, path, notice)
}

// formVersion reads the version a page's form was rendered with (checked by parseChange).
func formVersion(r *http.Request) (int64, error) { return parseVersion(r.PostFormValue("version")) }

// newKey is a fresh idempotency key for one rendering of a form: submitting the same
// rendering twice (a double click, a reload) has one effect.
func newKey() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "page-" + hex.EncodeToString(b[:])
}

// serveCSS serves the pages' stylesheet.
func (h *Handler) serveCSS(w http.ResponseWriter, r *http.Request) {
	serveStatic(w, "text/css; charset=utf-8", h.pages.css)
}

// serveStatic writes one of the pages' embedded files, which browsers may keep for five
// minutes.
func serveStatic(w http.ResponseWriter, ctype string, body []byte) {
	hd := w.Header()
	hd.Set("Content-Type", ctype)
	hd.Set("Cache-Control", "public, max-age=300")
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}

// mountPages registers the pages.
func (h *Handler) mountPages() {
	h.mux.HandleFunc("GET /static/voucher.css", h.serveCSS)
	h.mux.HandleFunc("GET /user/{$}", func(w http.ResponseWriter, r *http.Request) {
		who, ok := h.pageActor(w, r)
		if !ok {
			return
		}
		if m := h.menu(who); len(m) > 0 {
			http.Redirect(w, r, m[0].Href, http.StatusSeeOther)
			return
		}
		h.render(w, r, who, "error", "用户中心", nil, nil)
	})
	h.mountVerify()
	h.mountEnterprisePages()
	h.mountReviewPages()
	h.mountMessages()
	h.mountSpotCheckPages()
	h.mountOperationsPages()
	h.mountNoticePages()
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			h.failAPI(w, r, errNoRoute)
			return
		}
		h.failPage(w, r, errNoRoute)
	})
}
