// Command labsearch searches the bundled lab list, or an official list given as a CSV
// (UTF-8 or GB18030), JSON or XLSX file, the way the portal's lab search does.
//
//	go run ./examples/labsearch [-data FILE] [-region R] [-kind K] [-n N] [-page P] [-json] [--] [QUERY…]
//
// Everything after -- is the query, so a query may start with a dash:
// labsearch -- -5501 finds the labs whose phone holds 5501.
//
// Without -json it prints the hits as cards, like the manual's lab list. With -json it
// prints exactly one JSON object:
//
//	{"total":N,"hits":[{"id","name","region","legal_entity","contact","phone","kind","score","highlights":{field:[fragments]}}],
//	 "facets":{"region":{"天津":n,…},"kind":{…}}}
//
// A bad file or flag prints one line on stderr and exits with status 2.
//
// The command holds flag handling and printing only: reading the list is package
// catalog's and searching is package search's. It must never import voucher, a store,
// net/http or searchhttp, and nothing imports it.
package main
