package cxq

import "time"

// ChinaOffset is the offset of China Standard Time from UTC in seconds: UTC+8, with no
// daylight saving since 1991.
const ChinaOffset = 8 * 60 * 60

// china is the one China Standard Time zone; never reassigned.
var china = time.FixedZone("CST", ChinaOffset)

// China returns China Standard Time, the zone of the programmes' dates and claim years:
// a fixed UTC+8 zone named "CST", so that no tzdata is needed. Every call returns the same
// location.
func China() *time.Location { return china }
