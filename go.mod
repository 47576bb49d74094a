module github.com/cxqkit/cxq

go 1.26.0

require (
	github.com/go-ozzo/ozzo-validation/v4 v4.4.1 // indirect
	github.com/shopspring/decimal v1.6.0 // indirect
	github.com/stretchr/testify v1.12.1 // indirect
	golang.org/x/text v0.44.0 // indirect
	pgregory.net/rapid v1.3.0 // indirect
)
