package voucherhttp

// FailingPath is failingPath, for the tests of the package's users' side.
var FailingPath = failingPath
var ReadTimes = readTimes
