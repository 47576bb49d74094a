package voucherhttp

// mountEnterprisePages registers the enterprise's pages: the product detail and the
// order (立刻申请), 我买到的产品, 创新券申请 and 创新券兑现.
func (h *Handler) mountEnterprisePages() {}
