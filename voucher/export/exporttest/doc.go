// Package exporttest reads printed forms back for tests: the text poppler's pdftotext
// finds in a PDF, and the tools the PDF tests run.
//
// A test that needs a tool is skipped where it is not installed, except with CI=true,
// where its absence fails the test: CI installs the Debian packages poppler-utils and
// qpdf.
package exporttest
