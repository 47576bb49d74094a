package catalog

import (
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:generate go run ../internal/labgen/cmd/genlabs -out data/labs.json

// BundledLabCount is the number of labs in the bundled list: the size of the first batch
// of the mutually recognised list (首批 753 个开放实验室).
const BundledLabCount = 753

//go:embed data/labs.json
var bundledLabsJSON []byte

// BundledLabs returns the bundled list of 753 open labs, a fresh copy on each call.
//
// The official list is not published in machine-readable form, so the bundled list holds
// the six labs printed in the reference manual (Source "manual", see ManualLabs) and 747
// synthetic labs of invented institutions (Source "synthetic") with fictitious phone
// numbers (a landline whose subscriber number starts with 5550, e.g. "022-55500417").
// A portal replaces it with the official list through package catalog/sheets.
func BundledLabs() ([]Lab, error) {
	return decodeBundled[Lab](bundledLabsJSON, "labs")
}

//go:embed data/providers.json
var bundledProvidersJSON []byte

//go:embed data/products.json
var bundledProductsJSON []byte

// BundledProviders returns the demo marketplace's service providers, a fresh copy on
// each call. They are invented organisations with fictitious phone numbers (subscriber
// numbers starting with 5550), among them one central state-owned institution in
// Beijing Changping's 未来科学城 for the district's voucher tiers.
func BundledProviders() ([]Provider, error) {
	return decodeBundled[Provider](bundledProvidersJSON, "providers")
}

// BundledProducts returns the demo marketplace's 46 service products across the
// categories of Categories, a fresh copy on each call. The first, "prod-0001", is the
// manual's 气相色谱仪: 100.00 元/项, 天津, 仪器设备 - 仪器共享, listed 2017-07-11, 112
// views, voucher badge, promise 客户至上 如实描述.
func BundledProducts() ([]Product, error) {
	return decodeBundled[Product](bundledProductsJSON, "products")
}

// decodeBundled decodes one of the embedded JSON lists into a fresh slice; what names the
// list in the error.
func decodeBundled[T any](data []byte, what string) ([]T, error) {
	var out []T
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("catalog: bundled %s: %w", what, err)
	}
	return out, nil
}
