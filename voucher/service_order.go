package voucher

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/cxqkit/cxq"
	"github.com/cxqkit/cxq/catalog"
)

// Catalog finds the products of the marketplace (科淘商城) and their providers. It
// answers an error matching cxq.ErrNotFound for an unknown product.
type Catalog interface {
	Product(ctx context.Context, id string) (catalog.Product, catalog.Provider, error)
}

// CatalogOf returns a Catalog over fixed lists, e.g. catalog.BundledProducts().
func CatalogOf(products []catalog.Product, providers []catalog.Provider) Catalog {
	c := listCatalog{products: map[string]catalog.Product{}, providers: map[string]catalog.Provider{}}
	for _, p := range products {
		c.products[p.ID] = p
	}
	for _, p := range providers {
		c.providers[p.ID] = p
	}
	return c
}

type listCatalog struct {
	products  map[string]catalog.Product
	providers map[string]catalog.Provider
}

func (c listCatalog) Product(_ context.Context, id string) (catalog.Product, catalog.Provider, error) {
	p, ok := c.products[id]
	if !ok {
		return catalog.Product{}, catalog.Provider{}, notFound("product", id)
	}
	pv, ok := c.providers[p.ProviderID]
	if !ok {
		pv = catalog.Provider{ID: p.ProviderID, Name: p.Provider}
	}
	return p, pv, nil
}

// PlaceOrder is the input of [Service.PlaceOrder]: 填写并核对订单信息.
type PlaceOrder struct {
	Key       string `json:"-"` // the idempotency key
	ProductID string `json:"product_id"`
	Client    Party  `json:"client"` // 委托方: 单位名称, 联系人, 联系电话, 联系Email
	Note      string `json:"note,omitempty"`
}

// MaxNote is the longest 备注 accepted, in characters.
const MaxNote = 500

var (
	labelClientName    = cxq.T("委托方单位名称", "client name")
	labelClientContact = cxq.T("联系人", "contact")
	labelClientPhone   = cxq.T("联系电话", "phone")
	labelNote          = cxq.T("备注", "note")
)

func (in PlaceOrder) validate() error {
	var p cxq.Problems
	p.Add(cxq.CheckText("client.name", labelClientName, in.Client.Name, cxq.TextRule{Required: true, Max: 100}))
	p.Add(cxq.CheckText("client.contact", labelClientContact, in.Client.Contact, cxq.TextRule{Required: true, Max: 50}))
	if fe := cxq.CheckText("client.phone", labelClientPhone, in.Client.Phone, cxq.TextRule{Required: true, Max: 40}); fe != nil {
		p.Add(fe)
	} else {
		p.AddErr("client.phone", cxq.CheckPhone(in.Client.Phone))
	}
	if fe := cxq.CheckText("client.email", cxq.T("联系Email", "email"), in.Client.Email, cxq.TextRule{Max: 100}); fe != nil {
		p.Add(fe)
	} else if strings.TrimSpace(in.Client.Email) != "" && !validEmail(in.Client.Email) { // optional on an order
		p.Add(emailError("client.email"))
	}
	p.Add(cxq.CheckText("note", labelNote, in.Note, cxq.TextRule{Max: MaxNote}))
	if in.ProductID == "" {
		p.Add(cxq.Required("product_id", cxq.T("服务产品", "product")))
	}
	return p.Err()
}

// PlaceOrder records an enterprise's order for a product (立刻申请 → 确认申请). Only an
// enterprise may order, for itself.
func (s *Service) PlaceOrder(ctx context.Context, a Actor, in PlaceOrder) (Order, error) {
	if a.Role != RoleEnterprise || a.Org == "" {
		return Order{}, s.deny(ctx, a, "place_order", StreamOrder, "", "only an enterprise may order", false)
	}
	return mutate(ctx, s, a, in.Key, "PlaceOrder", in, func(tx Tx, now time.Time) (Order, error) {
		if err := in.validate(); err != nil {
			return Order{}, err
		}
		prod, prov, err := s.catalog.Product(ctx, in.ProductID)
		if err != nil {
			return Order{}, err
		}
		if err := s.refuseSanctioned(ctx, tx, now, a.Org, prov.ID); err != nil {
			return Order{}, err
		}
		o := Order{
			ID:           s.ids.NewID(StreamOrder),
			EnterpriseID: a.Org,
			Product: ProductRef{ID: prod.ID, Name: prod.Name, ProviderID: prov.ID, ProviderName: prov.Name,
				Voucher: prod.Voucher, Price: prod.Price.Amount, PriceUnit: prod.Price.Unit},
			Provider: Party{Name: prov.Name, Contact: prov.Contact, Phone: prov.Phone}.canonical(),
			Client:   in.Client.canonical(),
			Note:     in.Note,
			Status:   OrderPlaced,
			Version:  1,
			Created:  now,
			Updated:  now,
		}
		e, err := s.audit(ctx, tx, AuditEntry{Stream: StreamOf(StreamOrder, o.ID), At: now, Actor: a.ID, Role: a.Role,
			Action: "place", To: string(OrderPlaced), Note: auditNote("product", prod.ID)}, 0, "", o)
		if err != nil {
			return Order{}, err
		}
		o.AuditSeq, o.AuditHead = e.Seq, e.Hash
		return o, tx.CreateOrder(ctx, o)
	})
}

// ConfirmOrder is the provider accepting (confirm true) or declining an order for one
// of its products; declining needs a reason, kept on the order (Order.DeclineReason) and
// in its audit entry, and told to the enterprise in a notice. Orders of other providers
// answer as not found.
func (s *Service) ConfirmOrder(ctx context.Context, a Actor, in ConfirmOrderParams) (Order, error) {
	return mutate(ctx, s, a, in.Key, "ConfirmOrder", in, func(tx Tx, now time.Time) (Order, error) {
		o, err := loadOrder(ctx, tx, in.ID)
		if err != nil {
			return Order{}, err
		}
		if a.Role != RoleProvider || a.Org == "" || a.Org != o.Product.ProviderID {
			return Order{}, s.deny(ctx, a, "confirm_order", StreamOrder, in.ID, "not the order's provider", true)
		}
		if err := checkVersion(StreamOrder, o.ID, in.Version, o.Version); err != nil {
			return Order{}, err
		}
		if err := decidable(o); err != nil {
			return Order{}, err
		}
		if err := in.checkReason(); err != nil {
			return Order{}, err
		}
		to := OrderConfirmed
		if !in.Confirm {
			to, o.DeclineReason = OrderDeclined, in.Reason
		} else if err := s.refuseSanctioned(ctx, tx, now, o.EnterpriseID, o.Product.ProviderID); err != nil {
			return Order{}, err
		}
		from, seq, head := o.Status, o.AuditSeq, o.AuditHead
		o.Status, o.Updated, o.AuditSeq, o.AuditHead = to, now, 0, ""
		o.Version++
		e, err := s.audit(ctx, tx, AuditEntry{Stream: StreamOf(StreamOrder, o.ID), At: now, Actor: a.ID, Role: a.Role,
			Action: "confirm", From: string(from), To: string(to), Note: auditNote("reason", in.Reason)}, seq, head, o)
		if err != nil {
			return Order{}, err
		}
		o.AuditSeq, o.AuditHead = e.Seq, e.Hash
		if to == OrderDeclined {
			what := orderAbout(o)
			n := orderNotice(o, OrgAddress(o.EnterpriseID), cxq.T(what.ZH+"已被服务机构拒绝，原因："+in.Reason,
				what.EN+" was declined by the provider: "+in.Reason), now)
			if err := tx.AppendNotice(ctx, n); err != nil {
				return Order{}, err
			}
		}
		return o, tx.UpdateOrder(ctx, o)
	})
}

// Order returns an order the actor may see: the enterprise that placed it or the
// provider it was placed with. Any other order answers as not found.
func (s *Service) Order(ctx context.Context, a Actor, id string) (Order, error) {
	return view(ctx, s, func(tx Tx) (Order, error) { return s.readOrder(ctx, tx, a, id) })
}

func (s *Service) readOrder(ctx context.Context, tx Tx, a Actor, id string) (Order, error) {
	o, err := loadOrder(ctx, tx, id)
	if err != nil {
		return Order{}, err
	}
	if ownsEnterprise(a, o.EnterpriseID) || (a.Role == RoleProvider && a.Org != "" && a.Org == o.Product.ProviderID) {
		return o, nil
	}
	return Order{}, s.deny(ctx, a, "read_order", StreamOrder, id, "not a party to the order", true)
}

// loadOrder reads an order. Only a missing order is not found; any other failure of the
// store is returned as it is.
func loadOrder(ctx context.Context, tx Tx, id string) (Order, error) {
	o, err := tx.Order(ctx, id)
	if errors.Is(err, cxq.ErrNotFound) {
		return o, notFound(StreamOrder, id)
	}
	return o, err
}
