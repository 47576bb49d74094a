// Package voucherhttp serves the voucher lifecycle of a [voucher.Service] over HTTP: a
// JSON API and the server-rendered pages of the Tianjin enterprise user manual, from a
// product's detail page (立刻申请) through 我买到的产品, the 科技创新券申请表 with its
// uploads, the reviews, 创新券兑现 with its invoices and contracts, 导出, to 评审通过.
//
// The handler trusts nothing of a request for identity: the host says who is asking
// with [Options.Authenticate] (its own login, session or single sign-on), and every
// answer is what [voucher.Service] lets that actor see and do. State changes from
// another origin are refused (net/http's CrossOriginProtection), so the pages need no
// tokens; under /api/ the refusal is a 403 in the API's JSON error shape (code
// cross_origin); uploads are bounded in size and in how many are checked at once.
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
// The pages, below the prefix: products/{id} (detail, 浏览量, 立刻申请) and
// products/{id}/order (填写并核对订单信息); user/ (用户中心): user/orders (我买到的产品),
// user/applications (创新券申请, its 申请表 at user/applications/{id} and 退券 at
// user/applications/{id}/return, which shows what the return does before it is
// confirmed), user/redemptions
// (创新券兑现, the form at user/redemptions/{id} with invoices/ and contracts/);
// provider/orders (orders to confirm or decline with a reason, and 登记交付 of a
// confirmed one with its result file, POST provider/orders/{id}/delivery); the
// enterprise's 服务评价 of a delivered order on user/orders, a form built from the
// programme's rubric (POST user/orders/{id}/evaluate), given once and shown as its
// grade afterwards, and the provider's rating on each product's page; review/ (待审核 per stage) and
// review/{applications|redemptions}/{id} (the case, the decision, assign); the office's
// review/returns (退券审核) and review/sanctions (处理名单: 冻结, 黑名单, add and lift); verify (a
// printed form's code). Each change posted from a page carries the version the page was
// rendered with and a fresh idempotency key, so a stale page is refused and a double
// submit has one effect.
//
// The JSON API answers below {prefix}api/; its OpenAPI 3.1 document is served at
// {prefix}api/openapi.json. Changes take JSON (Content-Type: application/json) and an
// optional Idempotency-Key. Errors are the kernel's shape ([cxq.ValidationError]: field,
// code, Chinese and English message), with the status of their kind (400, 401, 403, 404,
// 409, 413, 415), and never name internals ([voucher.Explain]). Delivery and evaluation
// answer at POST {prefix}api/orders/{id}/delivery and POST {prefix}api/orders/{id}/evaluation,
// a delivery's result files at GET {prefix}api/orders/{id}/files/{file}, the rubric at
// GET {prefix}api/rubric and a provider's rating at GET {prefix}api/providers/{id}/rating.
//
// Every signed-in person has the site inbox (站内消息) at {prefix}messages, with the
// unread count in the menu and 标为已读 by POST {prefix}messages/{id}/read, and in JSON at
// {prefix}api/messages and POST {prefix}api/messages/{id}/read. The messages are what a
// voucher/notify Worker with a notify.Inbox delivered; the host runs the worker.
//
// # Budgets, waiting lists and extensions
//
// {prefix}office/budget (资金池, in the office's menu) shows a year's pools with what
// claims hold, what was paid and what is left, and the form that sets the year's total,
// pools (by district, batch and tier), batch windows and whether it keeps a waiting
// list; a claim the pools cannot hold is refused on the application's page with the
// pool and what is left, and the enterprise may then join the waiting list there (加入候补,
// its position, 退出候补). The office extends an approved voucher once (延期) from its case
// page when the policy allows. In JSON: GET and POST {prefix}api/budgets/{year}, GET and
// POST {prefix}api/applications/{id}/wait, POST {prefix}api/applications/{id}/wait/leave
// and POST {prefix}api/applications/{id}/extend.
//
// # Spot checks
//
// {prefix}spotchecks/ (抽查, in the menu of the office and the professional and expert
// reviewers) lists the spot checks the person sees; the office draws one there (period,
// seed, share). {prefix}spotchecks/{id} is the sample by stratum, where the office
// assigns each case's inspector and the inspector records the finding and any clawback;
// the enterprise sees the findings on its application's and redemption's pages. In
// JSON: GET and POST {prefix}api/spotchecks, GET {prefix}api/spotchecks/{id}, POST
// {prefix}api/spotchecks/{id}/inspector and /finding, and GET
// {prefix}api/applications/{id}/findings.
//
// # Public notice (公示)
//
// Under a policy with a public notice, {prefix}notices (公示, in every page's top bar)
// lists the published lists to anyone, signed in or not, and {prefix}notices/{id} shows
// one: its period, its SHA-256, the PDF ({prefix}api/notices/{id}/list.pdf, the hash
// printed on it) and only the policy's public columns — never a phone number, a contact
// or a case ID — with, while the period runs, a form to object to an entry (name and
// contact optional, never shown). The office's 公示管理 ({prefix}review/notices)
// publishes the redemptions awaiting their notice and decides those objections held; the
// list's page shows the office the objections with the objectors' contacts and, once
// the period has ended, 结束公示 (posted with the list's version). The JSON twins are
// {prefix}api/notices (GET lists, POST publishes), {prefix}api/notices/awaiting,
// {prefix}api/notices/{id}, POST {prefix}api/notices/{id}/objections (anyone; answered
// with an [ObjectionReceipt]), GET of the same for the office, POST
// {prefix}api/notices/{id}/close and POST {prefix}api/redemptions/{id}/held.
//
// An objection holds a payout, so those lodged without signing in are counted per
// client (Options.ClientAddr; an IPv6 address by its /64): past Options.ObjectionsPerHour
// (20 by default) in one hour, the page and the API refuse with 429, code
// [CodeRateLimited] and a Retry-After, and lodge nothing. Only objections the Service
// takes count, so malformed or refused requests cannot use up anyone's allowance. Each
// process counts its own.
//
// # Statistics and exports
//
// The page {prefix}stats/ (统计, in the menu of the office, the reviewers and the
// providers) shows the figures of [voucher.Service.Statistics] for the signed-in
// person's scope; every figure and every bar links to {prefix}stats/records, the list
// of the records behind it. The same figures answer in JSON at GET
// {prefix}api/statistics, the records behind one at GET {prefix}api/statistics/records
// (?kind=&dim=&key=, as each row's drill gives them).
//
// The charts are SVG drawn on the server, in the page itself: they need no script and
// no chart library, print and save with the page, show the exact figures the table
// beside them shows, and each bar is an ordinary link. Each chart is a viewBox 360
// units wide drawn at 100% width with one bar per line and its label above it, so it
// stays readable on a 390 px phone however long the names are.
//
// Every figure table and every list exports: {prefix}api/statistics.xlsx and .csv (all
// tables), {prefix}api/statistics/records.xlsx and .csv (one figure's records),
// {prefix}api/applications.xlsx and .csv and {prefix}api/redemptions.xlsx and .csv
// (the whole list, with the list's filters product, provider and status). CSV is UTF-8
// with a byte-order mark, or GB18030 with ?encoding=gb18030; XLSX is written with
// excelize's StreamWriter, its counts and amounts as number cells (amounts shown with
// two decimals, every fen kept) so that a spreadsheet sums them. A CSV text cell that a
// spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
// return) is written with an apostrophe before it; the XLSX holds text as text cells,
// never formulas. Exports are attachments (Content-Disposition): the lists are
// read from the store a page at a time; CSV is streamed, flushed to the client every
// thousand rows, so the browser's download shows progress from the first rows; XLSX
// rows go to excelize's temporary file rather than memory and the workbook is sent
// once complete. An export that fails midway is cut off rather than ended as if it
// were whole. The dashboard notes that a large export keeps going in the browser's
// download bar. Contacts' names, phones and e-mail addresses are shown as
// they are only to those [voucher.SeesPersonal] allows (the office, the record's
// enterprise and its own reviewers) and masked (张*, 138****8000, z***@example.com) for
// anyone else.
package voucherhttp
