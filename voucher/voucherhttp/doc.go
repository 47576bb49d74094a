// Package voucherhttp serves the voucher lifecycle of a [voucher.Service] over HTTP: a
// JSON API and the server-rendered pages of the Tianjin enterprise user manual, from a
// product's detail page (立刻申请) through 我买到的产品, the 科技创新券申请表 with its
// uploads, the reviews, 创新券兑现 with its invoices and contracts, 导出, to 评审通过.
//
// The handler trusts nothing of a request for identity: the host says who is asking
// with [Options.Authenticate] (its own login, session or single sign-on), and every
// answer is what [voucher.Service] lets that actor see and do. State changes from
// another origin are refused (net/http's CrossOriginProtection), so the pages need no
// tokens; uploads are bounded in size and in how many are checked at once.
//
// Mount it under any prefix, with the same prefix in [Options.Prefix]:
//
//	h, err := voucherhttp.New(svc, voucherhttp.Options{
//		Prefix:       "/cxq/",
//		Authenticate: mySession.Actor,
//		Blobs:        blobs,
//	})
//	mux.Handle("/cxq/", http.StripPrefix("/cxq", h))
//
// The JSON API answers below {prefix}api/; its OpenAPI 3.1 document is served at
// {prefix}api/openapi.json. Errors are the kernel's shape ([cxq.ValidationError]: field,
// code, Chinese and English message), with the status of their kind (400, 403, 404,
// 409), and never name internals ([voucher.Explain]).
//
// Every signed-in person has the site inbox (站内消息) at {prefix}messages, with the
// unread count in the menu and 标为已读 by POST {prefix}messages/{id}/read, and in JSON at
// {prefix}api/messages and POST {prefix}api/messages/{id}/read. The messages are what a
// voucher/notify Worker with a notify.Inbox delivered; the host runs the worker.
package voucherhttp
