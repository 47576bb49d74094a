// Package sheets reads the official lists of the voucher programmes into package
// catalog's types: open labs ([ReadLabs], [ReadLabsFile]), service providers
// ([ReadProviders]) and products ([ReadProducts]).
//
// It reads CSV (UTF-8 with or without BOM, UTF-16 with a BOM, or GB18030/GBK as Excel on
// Chinese Windows writes it, detected automatically: [DecodeText]) and JSON; labs also
// XLSX (the first sheet). Headers may be English or Chinese, in any order; unknown
// columns are ignored. Every problem is reported at once with its row and column
// ([Problem], [ReadError]); in lenient mode valid rows are kept and the problems come back
// as warnings. [ReadOptions] documents the limits on file size, rows, columns and cell
// size; an input over a limit is a *[LimitError], never a silent truncation.
//
// The readers hold the whole input in memory (encoding detection needs it). Package
// sheets is where the spreadsheet library is linked, so that package catalog stays pure;
// [ReadLabsFile] is its one function that opens a file.
package sheets
