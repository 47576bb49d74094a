// Command portal is cxq's main command: a small voucher portal with embedded defaults.
//
// The portal is being built; for now it prints what it will serve.
package main

import "fmt"

func main() {
	fmt.Println("cxq portal: lab search (/labs/), marketplace search (/products/) and the voucher JSON API are not built yet.")
}
