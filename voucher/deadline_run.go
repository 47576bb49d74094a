package voucher

import (
	"context"
	"fmt"
	"time"

	"github.com/cxqkit/cxq"
)

// RunDeadlines keeps the usage deadlines applied for a live programme: it runs
// [Service.ApplyDeadlines] as of the service's clock (Config.Now) at once and then every
// interval, as the programme office a, until ctx ends, and returns ctx's error. A run
// that fails is logged (Config.Logger) and tried again at the next interval; since
// ApplyDeadlines applies nothing twice, runs may overlap another process's. Without it
// (or a scheduler calling ApplyDeadlines) no voucher ever expires and no reminder is
// sent. A non-positive interval, or an a that is not the office, is cxq.ErrInvalid.
func (s *Service) RunDeadlines(ctx context.Context, a Actor, interval time.Duration) error {
	if interval <= 0 {
		return fmt.Errorf("voucher: RunDeadlines needs a positive interval: %w", cxq.ErrInvalid)
	}
	if a.Role != RoleCoordinator || a.ID == "" {
		return fmt.Errorf("voucher: RunDeadlines runs as the programme office: %w", cxq.ErrInvalid)
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		rep, err := s.ApplyDeadlines(ctx, a, s.now())
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.WarnContext(ctx, "voucher: applying the deadlines failed; trying again", "err", err, "in", interval)
		case err == nil && len(rep.Expired) > 0:
			s.log.InfoContext(ctx, "voucher: deadlines applied", "checked", rep.Checked, "expired", len(rep.Expired))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}
