package main

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"

	"github.com/cxqkit/cxq/internal/web"
	"github.com/cxqkit/cxq/search/searchhttp"
	"github.com/cxqkit/cxq/voucher"
)

// login serves the demo login: GET /login lists the demo people, POST /login signs in
// as one of them, POST /logout signs out; GET /api/actors lists them as JSON.
type login struct {
	sess   *sessions
	tmpl   *template.Template
	cssVer string
}

// loginView is what assets/login.html gets.
type loginView struct {
	SearchCSS, HomeCSSVersion string
	People                    []personView
	Me                        *personView // who is signed in, if anyone
	Next                      string
	Problem                   string
}

// personView is one demo person on the login page.
type personView struct {
	ID, Name, Role string
}

func newLogin(sess *sessions, cssVer string) (*login, error) {
	tmpl, err := template.ParseFS(assets, "assets/login.html")
	if err != nil {
		return nil, err
	}
	return &login{sess: sess, tmpl: tmpl, cssVer: cssVer}, nil
}

// mount registers the login's routes; the posts refuse other origins.
func (l *login) mount(mux *http.ServeMux) {
	cop := http.NewCrossOriginProtection()
	mux.HandleFunc("GET /login", l.page)
	mux.Handle("POST /login", cop.Handler(http.HandlerFunc(l.signIn)))
	mux.Handle("POST /logout", cop.Handler(http.HandlerFunc(l.signOut)))
	mux.HandleFunc("GET /api/actors", func(w http.ResponseWriter, r *http.Request) {
		web.WriteJSON(w, r, http.StatusOK, "no-store", l.sess.actors)
	})
}

// page answers the list of demo people.
func (l *login) page(w http.ResponseWriter, r *http.Request) {
	l.render(w, r, http.StatusOK, r.URL.Query().Get("next"), "")
}

// signIn starts a session for the posted person and goes on to next.
func (l *login) signIn(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil {
		l.render(w, r, http.StatusBadRequest, "", "提交的表单无法读取，请重新选择。")
		return
	}
	next := r.PostFormValue("next")
	id, ok := l.sess.start(r.PostFormValue("person"))
	if !ok {
		l.render(w, r, http.StatusBadRequest, next, "没有这个示例用户，请从下面的列表中选择一位。")
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		l.sess.end(c.Value) // a new login replaces the old one
	}
	l.sess.setCookie(w, r, id)
	http.Redirect(w, r, localPath(next, "/user/"), http.StatusSeeOther)
}

// signOut ends the request's session and goes to the front page.
func (l *login) signOut(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		l.sess.end(c.Value)
	}
	l.sess.setCookie(w, r, "")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// localPath returns next when it is a path on this site ("/…", not "//…" or "/\…",
// which browsers read as another host), else fallback.
func localPath(next, fallback string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n\t") {
		return fallback
	}
	return next
}

// render writes the login page with status, carrying next on and showing problem.
func (l *login) render(w http.ResponseWriter, r *http.Request, status int, next, problem string) {
	v := loginView{SearchCSS: searchhttp.Stylesheet(), HomeCSSVersion: l.cssVer, Problem: problem,
		Next: localPath(next, "")}
	for _, a := range l.sess.people() {
		v.People = append(v.People, personOf(l.sess, a))
	}
	if me, err := l.sess.authenticate(r); err == nil {
		p := personOf(l.sess, me)
		v.Me = &p
	}
	var buf bytes.Buffer
	if err := l.tmpl.Execute(&buf, v); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	writeHTML(w, r, status, buf.Bytes(), "no-store")
}

// personOf is how the login page shows person a, under the ID the page posts.
func personOf(s *sessions, a voucher.Actor) personView {
	for id, p := range s.actors {
		if p.ID == a.ID {
			return personView{ID: id, Name: a.Name, Role: roleNames[a.Role]}
		}
	}
	return personView{Name: a.Name, Role: roleNames[a.Role]}
}
