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
//     (cxq.db-attachments), or for a postgres:// URL to cxq-attachments in the working
//     directory. -db "" runs without the voucher pages, the login and the API.
//   - -keys: the directory of the demo's key files (cxq-audit.key, cxq-checkpoint.key,
//     cxq-code.key), made at the first start. Defaults to the SQLite file's directory,
//     or the working directory for a postgres:// URL. Several processes on one
//     database must share the same key files (and attachments): start them in the same
//     working directory, or give each the same -keys and a shared directory. They
//     may start at once: the first start's migration is serialised by the store.
//   - -labs: an official open-lab list (.csv, .json or .xlsx). Defaults to the bundled
//     753-lab list. Rows with problems are logged and skipped.
//   - -policy: the programme's policy: a preset ID (tianjin, the default; hebei,
//     langfang, beijing-changping) or a policy JSON file (policy.Parse), run with the
//     shipped workflows. The demo people are in 天津市河西区: another area's policy refuses
//     their claims as not local.
//   - -v: log every request.
//
// It prints its URL ("cxq portal: http://127.0.0.1:8080/"), listens at once (the search
// index is built in the background and early searches wait for it), logs with log/slog
// and shuts down gracefully on Ctrl-C.
//
// # What it serves
//
//	/                           front page
//	/labs/                      京津冀创新券服务资源: lab search page (searchhttp)
//	/labs/api/labs?q=…          the same as JSON
//	/products/                  科淘商城: product search with the voucher badge; the cards
//	                            link to /products/{id}
//	/products/api/products      the same as JSON (voucher=1 keeps badge products)
//	/healthz                    "ok"
//
// and, with -db, the demo login and the voucher lifecycle of [voucherhttp]:
//
//	GET  /login                 the demo people, a button each
//	POST /login                 person=<id>[&next=/local/path]: signs in, goes on to next or /user/
//	POST /logout                signs out, goes to /
//	GET  /api/actors            the demo people as JSON, by the IDs /login takes
//	/products/{id}, /products/{id}/order, /user/…, /provider/orders, /review/…, /verify
//	                            the pages (voucherhttp)
//	/notices, /notices/{id}     公示: the public notice, open to anyone (the front page
//	                            links it), with its objection form
//	/api/…                      the JSON API (voucherhttp); /api/openapi.json describes it
//
// Every other path goes to voucherhttp too, which answers its own 404. /verify needs no
// login: it checks a printed form's code reading the record as the demo office.
//
// # The demo login
//
// The login is a demo, not authentication: the page lets anyone sign in as any of the
// demo people (企业用户, 服务机构, 区科技主管部门, 专业机构, 评审专家, a second 专业机构 for
// spot checks, 创新券管理办公室), so the command warns when it listens beyond loopback.
// Choosing one sets a session cookie (HttpOnly, SameSite=Lax, Path=/, Secure over TLS)
// holding a random ID; the portal maps it to the person in memory for 12 hours. A
// restart logs everyone out, and each process knows only its own sessions: behind a load balancer a person stays with the process
// they signed in on. Login and logout posts from another origin are refused, as are
// voucherhttp's own changes. The pages and the API read who is asking from this cookie
// only (voucherhttp's Options.Authenticate); a real portal puts its own login there.
//
// The command holds the HTTP wiring, the demo people, the login and the front page;
// every rule, page and API route is the library's. It must never import voucher/memstore or a test package (storetest,
// blobstest, policytest, pgtest), and nothing imports it.
package main
