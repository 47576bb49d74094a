// Command policycheck runs lifecycle scenario files (see package voucher/scenario)
// against a voucher Service on an in-memory store and says which steps hold.
//
//	go run ./examples/policycheck FILE...
//
// It prints one JSON object per step — {"name","step","line","ok","got","want"} — then a
// line "N of M steps hold". It exits 0 when every step holds, 1 when any fails, and 2
// when a file cannot be read or run (the problem is printed on stderr with the file,
// line and field, and no step of that file is counted).
package main
