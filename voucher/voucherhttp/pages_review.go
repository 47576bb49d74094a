package voucherhttp

// mountReviewPages registers the pages of providers, reviewers and the office: the
// orders to confirm, the 待审核 queues, the case pages and the assignments.
func (h *Handler) mountReviewPages() {}
