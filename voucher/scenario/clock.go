package scenario

import (
	"sync"
	"time"
)

// Clock is a test clock that moves a step forward on every reading, so that recorded
// times are distinct and ordered; one without a step stands still until Set moves it.
// Set moves it anywhere, backwards too: a scenario may follow one enterprise and then
// go back in time for another. A scenario's Service reads one that moves a microsecond;
// storetest's World reads one that moves a second.
type Clock struct {
	mu   sync.Mutex
	now  time.Time
	step time.Duration
}

// NewClock returns a clock at start that moves step forward on every reading.
func NewClock(start time.Time, step time.Duration) *Clock { return &Clock{now: start, step: step} }

// Now advances the clock by its step and returns the time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(c.step)
	return c.now
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}
