// Package cxq is the small shared kernel of cxq, a library for science-and-technology
// innovation voucher programmes (科技创新券).
//
// It holds the value types every other package speaks in and nothing else:
//
//   - [Money]: an amount in CNY held as int64 fen, never a float; the one money
//     arithmetic of cxq, which no other package redoes. [Rate] is an exact fraction
//     (0.5 = 50%, 2/3) and [Money.MulRate] applies it with an explicit [Rounding],
//     dividing with quotient and remainder; multiplying money by money does not compile.
//     Decimal text (JSON, policy files, NUMERIC columns) is read and written exactly.
//   - [China]: China Standard Time (UTC+8), the zone of dates and claim years.
//   - Errors: the sentinels [ErrNotFound], [ErrConflict], [ErrInvalid] and [ErrForbidden],
//     and [ValidationError], a list of [FieldError] values with a stable code, parameters
//     and messages in Chinese and English.
//   - [Text]: a bilingual label.
//   - Identifier checks for 统一社会信用代码 ([CheckUSCC]), 组织机构代码 ([CheckOrgCode]),
//     phone numbers ([CheckPhone]) and invoice code/number formats ([CheckInvoice]), each
//     also usable as an ozzo-validation rule ([USCCRule], [PhoneRule], ...), and
//     [CheckText] with a [TextRule] for required and length-limited text.
//
// # Money
//
// Amounts are whole fen, so addition, comparison and printing are integer operations;
// [Money.AppendString] prints without allocating. A result beyond the int64 range
// (±9.2×10^16 fen, far above [MaxMoney]) panics rather than wrap. [Money.Value] writes
// int64 fen, the unit of the stores' columns, and [Money.Scan] reads it back, or decimal
// text from a NUMERIC column. A Rate's reduced denominator is at most [MaxRateDen]
// (10^18); [ParseRate] refuses a longer one with [CodeRatePrecision].
//
// # Purity
//
// Package cxq does no I/O, reads no clock and holds no mutable globals (the zone behind
// [China] is created once and never reassigned). It must never
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
