// Command portal is cxq's main command: a small voucher portal with embedded defaults.
//
//	go run ./examples/portal                      # http://localhost:8080/
//	go run ./examples/portal -addr :9000 -labs 名单.xlsx -db postgres://…
//
// # Flags
//
//   - -addr: where to listen. Defaults to localhost:8080.
//   - -db: the voucher store, a SQLite file path or a postgres:// URL. Defaults to
//     cxq.db in the working directory; attachments go to a directory beside it
//     (cxq.db-attachments). -db "" runs without the voucher API.
//   - -labs: an official open-lab list (.csv, .json or .xlsx). Defaults to the bundled
//     753-lab list. Rows with problems are logged and skipped.
//   - -v: log every request.
//
// It prints its URL, listens at once (the search index is built in the background and
// early searches wait for it), logs with log/slog and shuts down gracefully on Ctrl-C.
//
// # What it serves
//
//	/                         front page
//	/labs/                    京津冀创新券服务资源: lab search page (searchhttp)
//	/labs/api/labs?q=…        the same as JSON
//	/products/                科淘商城: product search with the voucher badge
//	/products/api/products    the same as JSON (voucher=1 keeps badge products)
//	/healthz                  "ok"
//
// and, with -db, the voucher lifecycle as JSON under /api/, acting as one of the demo
// people chosen with the X-Demo-Actor header (enterprise, provider, district,
// professional, expert, office; GET /api/actors lists them). Changes take an
// Idempotency-Key header. Errors are the kernel's JSON error shape with 400, 403, 404
// or 409.
//
//	GET  /api/orders                     我买到的产品
//	POST /api/orders                     place an order {product_id, client}
//	POST /api/orders/{id}/confirm        the provider confirms {confirm}
//	POST /api/attachments?slot=&name=    upload a file (body), answers its reference
//	POST /api/applications               save an application draft
//	POST /api/applications/{id}/submit   submit {version}
//	POST /api/applications/{id}/review   a reviewer decides {action, opinion, fields}
//	POST /api/applications/{id}/assign   the office assigns {stage, reviewer}
//	POST /api/applications/{id}/withdraw {reason}
//	GET  /api/applications[?queue=1]     own list, or the reviewer's queue
//	GET  /api/applications/{id}[/audit|/form.pdf]
//	POST /api/redemptions                start {application_id}
//	PUT  /api/redemptions/{id}           save contact, outcome and files
//	POST /api/redemptions/{id}/invoices, /contracts, /submit, /review, /assign, /withdraw
//	GET  /api/redemptions[?queue=1], /api/redemptions/{id}[/audit|/form.pdf]
//
// The demo people are not authentication: anyone who reaches the port can act as any
// of them, so the command warns when it listens beyond loopback. A real portal builds
// voucher.Actor values from its own sessions.
//
// The command holds the HTTP wiring, the demo people and the pages; every rule is the
// library's. It must never import voucher/memstore or a test package (storetest,
// blobstest, policytest, pgtest), and nothing imports it.
package main
