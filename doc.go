// Package cxq is the small shared kernel of cxq, a library for science-and-technology
// innovation voucher programmes (科技创新券).
//
// It holds the value types every other package speaks in and nothing else:
//
//   - [Money]: an amount in CNY with fen precision, decimal inside, never a float.
//     [Rate] is a fraction (0.5 = 50%) and [Money.MulRate] applies it with an explicit
//     [Rounding]; multiplying money by money does not compile.
//   - Errors: the sentinels [ErrNotFound], [ErrConflict], [ErrInvalid] and [ErrForbidden],
//     and [ValidationError], a list of [FieldError] values with a stable code, parameters
//     and messages in Chinese and English.
//   - [Text]: a bilingual label.
//   - Identifier checks for 统一社会信用代码 ([CheckUSCC]), 组织机构代码 ([CheckOrgCode]),
//     phone numbers ([CheckPhone]) and invoice code/number formats ([CheckInvoice]), each
//     also usable as an ozzo-validation rule ([USCCRule], [PhoneRule], ...).
//
// # Purity
//
// Package cxq does no I/O, reads no clock and holds no mutable globals. It must never
// import net/http, database/sql drivers, os or any other cxq package; every other package
// imports it.
//
// # Errors
//
// Callers branch with [errors.Is] and [errors.As], never on message text:
//
//	if errors.Is(err, cxq.ErrInvalid) {
//		var ve *cxq.ValidationError
//		if errors.As(err, &ve) {
//			for _, fe := range ve.Errors {
//				fmt.Println(fe.Field, fe.Code, fe.Message(cxq.ZH))
//			}
//		}
//	}
package cxq
