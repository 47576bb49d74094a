package voucherhttp

import (
	"net/http"
	"strings"

	"github.com/cxqkit/cxq/catalog"
	"github.com/cxqkit/cxq/voucher"
	"github.com/cxqkit/cxq/voucher/policy"
)

// mountEnterprisePages registers the enterprise's pages: the product detail and the
// order (立刻申请), 我买到的产品, 创新券申请 and 创新券兑现, and the script that shows
// 申请创新券金额 as the enterprise types.
func (h *Handler) mountEnterprisePages() {
	h.mux.HandleFunc("GET /static/voucher.js", h.serveJS)
	h.mux.HandleFunc("GET /products/{id}", h.productPage)
	h.mux.HandleFunc("GET /products/{id}/order", h.orderPage)
	h.mux.HandleFunc("POST /products/{id}/order", h.placeOrder)
	h.mux.HandleFunc("GET /user/orders", h.ordersPage)
	h.mux.HandleFunc("POST /user/orders/{id}/apply", h.applyForOrder)
	h.mountDeliveryPages()
	h.mountApplicationPages()
	h.mountRedemptionPages()
}

// productView is the product detail page: the product, its provider, its views and the
// provider's rating (服务评价).
type productView struct {
	Product  catalog.Product
	Provider catalog.Provider
	Views    int
	Rating   voucher.Rating
}

// productPage is GET /products/{id}: the product detail (anyone may read it); each view
// is counted (浏览量).
func (h *Handler) productPage(w http.ResponseWriter, r *http.Request) {
	who, _ := h.actor(r)
	prod, prov, err := h.svc.Catalog().Product(r.Context(), r.PathValue("id"))
	if err != nil {
		h.failPage(w, r, err)
		return
	}
	views, err := h.opts.Views.View(r.Context(), prod.ID, prod.Views)
	if err != nil {
		h.failPage(w, r, err)
		return
	}
	rating, err := h.svc.ProviderRating(r.Context(), prov.ID)
	if err != nil {
		h.failPage(w, r, err)
		return
	}
	h.render(w, r, who, "enterprise_product", prod.Name, productView{Product: prod, Provider: prov, Views: views, Rating: rating}, nil)
}

// orderView is 填写并核对订单信息: the product and its provider (服务方) and the
// enterprise's order (委托方) as typed.
type orderView struct {
	Product  catalog.Product
	Provider catalog.Provider
	In       voucher.PlaceOrder
}

// orderPage is GET /products/{id}/order: the order form, the 委托方 prefilled with the
// enterprise's name and the person signed in.
func (h *Handler) orderPage(w http.ResponseWriter, r *http.Request) {
	who, ok := h.orderActor(w, r)
	if !ok {
		return
	}
	in := voucher.PlaceOrder{ProductID: r.PathValue("id"), Client: voucher.Party{Contact: who.Name}}
	if ent, err := h.svc.Enterprises().Enterprise(r.Context(), who.Org); err == nil {
		in.Client.Name = ent.Name
	}
	h.orderForm(w, r, who, in, nil)
}

// placeOrder is POST /products/{id}/order (确认申请): the order is placed and the
// enterprise sent to 我买到的产品; a refusal shows the form again as typed.
func (h *Handler) placeOrder(w http.ResponseWriter, r *http.Request) {
	who, ok := h.orderActor(w, r)
	if !ok {
		return
	}
	in := voucher.PlaceOrder{ProductID: r.PathValue("id")}
	h.pageCreate(w, r, func(key string) (string, error) {
		f := r.PostForm
		in.Key = key
		in.Client = voucher.Party{Name: strings.TrimSpace(f.Get("name")), Contact: strings.TrimSpace(f.Get("contact")),
			Phone: strings.TrimSpace(f.Get("phone")), Email: strings.TrimSpace(f.Get("email"))}
		in.Note = strings.TrimSpace(f.Get("note"))
		_, err := h.svc.PlaceOrder(r.Context(), who, in)
		return "user/orders", err
	}, func(err error) { h.orderForm(w, r, who, in, err) }, "ordered")
}

// orderActor is the enterprise person who may order; anyone else is sent to log in or
// told that only enterprises order.
func (h *Handler) orderActor(w http.ResponseWriter, r *http.Request) (voucher.Actor, bool) {
	return h.pageActorFor(w, r, isEnterprise, "只有企业用户可以申请服务产品", errNotEnterprise)
}

// orderForm renders the order form for in, with err's problems.
func (h *Handler) orderForm(w http.ResponseWriter, r *http.Request, who voucher.Actor, in voucher.PlaceOrder, err error) {
	prod, prov, perr := h.svc.Catalog().Product(r.Context(), in.ProductID)
	if perr != nil {
		h.failPage(w, r, perr)
		return
	}
	h.render(w, r, who, "enterprise_order", "填写并核对订单信息", orderView{Product: prod, Provider: prov, In: in}, err)
}

// ordersView is 我买到的产品: a page of the enterprise's orders with their eligibility.
type ordersView struct {
	Orders voucher.Page[voucher.OrderItem]
	Pager  pager
	Rubric policy.Rubric // what a delivered order's 服务评价 form asks
}

// ordersPage is GET /user/orders.
func (h *Handler) ordersPage(w http.ResponseWriter, r *http.Request) {
	who, ok := h.enterpriseActor(w, r)
	if !ok {
		return
	}
	h.ordersList(w, r, who, nil)
}

// ordersList renders 我买到的产品 with err's problems.
func (h *Handler) ordersList(w http.ResponseWriter, r *http.Request, who voucher.Actor, err error) {
	q, qerr := listQuery(r)
	if qerr != nil {
		h.render(w, r, who, "error", "我买到的产品", nil, qerr)
		return
	}
	p, lerr := h.svc.MyOrders(r.Context(), who, voucher.Query{Page: q.Page, PerPage: q.PerPage})
	if lerr != nil {
		h.failPage(w, r, lerr)
		return
	}
	h.render(w, r, who, "enterprise_orders", "我买到的产品", ordersView{Orders: p, Pager: pagerOf(h, r, p),
		Rubric: h.svc.Rubric()}, err)
}

// applyForOrder is POST /user/orders/{id}/apply (申请创新券): a draft application is
// made for the order and the enterprise sent to its form; a refusal is shown on
// 我买到的产品.
func (h *Handler) applyForOrder(w http.ResponseWriter, r *http.Request) {
	who, ok := h.enterpriseActor(w, r)
	if !ok {
		return
	}
	h.pageCreate(w, r, func(key string) (string, error) {
		app, err := h.svc.SaveApplication(r.Context(), who, voucher.ApplicationDraft{Key: key,
			OrderID: r.PathValue("id"), Form: h.startingForm(r, who)})
		return "user/applications/" + app.ID, err
	}, func(err error) { h.ordersList(w, r, who, err) }, "applying")
}

// startingForm is a new application's form: the contact of the order.
func (h *Handler) startingForm(r *http.Request, who voucher.Actor) voucher.ApplicationForm {
	o, err := h.svc.Order(r.Context(), who, r.PathValue("id"))
	if err != nil {
		return voucher.ApplicationForm{}
	}
	return voucher.ApplicationForm{Contact: voucher.Contact{Name: o.Client.Contact, Phone: o.Client.Phone, Email: o.Client.Email}}
}

// serveJS serves the pages' script: every page works without it.
func (h *Handler) serveJS(w http.ResponseWriter, r *http.Request) {
	serveStatic(w, "text/javascript; charset=utf-8", h.pages.js)
}
