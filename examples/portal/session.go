package main

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/cxqkit/cxq/voucher"
)

// sessionCookie names the cookie that holds a session's ID.
const sessionCookie = "cxq_session"

// sessionTTL is how long a login lasts.
const sessionTTL = 12 * time.Hour

// personOrder is the order the login page lists the demo people in: the manual's flow.
var personOrder = []string{"enterprise", "provider", "district", "professional", "expert", "inspector", "office"}

// roleNames are the demo roles in Chinese, as the login page shows them.
var roleNames = map[voucher.Role]string{
	voucher.RoleEnterprise:   "企业用户：下单、申请和兑现创新券",
	voucher.RoleProvider:     "服务机构：确认订单",
	voucher.RoleDistrict:     "区科技主管部门：初审",
	voucher.RoleProfessional: "专业机构：复审和形式审查",
	voucher.RoleExpert:       "评审专家：兑现的专家评审",
	voucher.RoleCoordinator:  "创新券管理办公室：分配审核人",
}

// errNoSession is what Authenticate answers for a request without a live session.
var errNoSession = errors.New("portal: not signed in")

// session is one login: the demo person and when it ends.
type session struct {
	person  string
	expires time.Time
}

// sessions maps random session IDs to demo people, in memory: a restart logs everyone
// out, and each process of a portal has its own. Only a hash of each ID is kept, so the
// map's lookups reveal nothing of the IDs. It is safe for concurrent use.
type sessions struct {
	actors map[string]voucher.Actor // by person ID
	ttl    time.Duration
	now    func() time.Time

	mu   sync.Mutex
	live map[[32]byte]session
}

func newSessions(actors map[string]voucher.Actor) *sessions {
	return &sessions{actors: actors, ttl: sessionTTL, now: time.Now, live: map[[32]byte]session{}}
}

// people lists the demo people in personOrder.
func (s *sessions) people() []voucher.Actor {
	out := make([]voucher.Actor, 0, len(s.actors))
	for _, id := range personOrder {
		if a, ok := s.actors[id]; ok {
			out = append(out, a)
		}
	}
	return out
}

// byRole returns the first demo person of role, or nil.
func (s *sessions) byRole(role voucher.Role) *voucher.Actor {
	for _, a := range s.people() {
		if a.Role == role {
			return &a
		}
	}
	return nil
}

// start opens a session for person and returns its ID; false when there is no such
// person. Expired sessions are dropped on the way.
func (s *sessions) start(person string) (string, bool) {
	if _, ok := s.actors[person]; !ok {
		return "", false
	}
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	id := base64.RawURLEncoding.EncodeToString(b[:])
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, v := range s.live {
		if !now.Before(v.expires) {
			delete(s.live, k)
		}
	}
	s.live[sha256.Sum256([]byte(id))] = session{person: person, expires: now.Add(s.ttl)}
	return id, true
}

// end closes the session with ID id, if it is live.
func (s *sessions) end(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.live, sha256.Sum256([]byte(id)))
}

// lookup returns the person ID of the live session with ID id.
func (s *sessions) lookup(id string) (string, bool) {
	k := sha256.Sum256([]byte(id))
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.live[k]
	if !ok {
		return "", false
	}
	if !s.now().Before(v.expires) {
		delete(s.live, k)
		return "", false
	}
	return v.person, true
}

// authenticate is voucherhttp's Options.Authenticate: the demo person of the request's
// session cookie. Nothing else of the request counts.
func (s *sessions) authenticate(r *http.Request) (voucher.Actor, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return voucher.Actor{}, errNoSession
	}
	person, ok := s.lookup(c.Value)
	if !ok {
		return voucher.Actor{}, errNoSession
	}
	return s.actors[person], nil
}

// setCookie sets (or, with an empty id, expires) the session cookie: HttpOnly,
// SameSite=Lax, Path=/, and Secure when the request came over TLS.
func (s *sessions) setCookie(w http.ResponseWriter, r *http.Request, id string) {
	c := &http.Cookie{Name: sessionCookie, Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil, MaxAge: int(s.ttl / time.Second)}
	if id == "" {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}
