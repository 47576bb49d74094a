package voucher

import (
	"context"
)

// Application returns an application the actor may see (see the package's
// authorization rules); any other answers exactly like a missing one.
func (s *Service) Application(ctx context.Context, a Actor, id string) (Application, error) {
	return view(ctx, s, func(tx Tx) (Application, error) { return s.readApplication(ctx, tx, a, id) })
}

func (s *Service) readApplication(ctx context.Context, tx Tx, a Actor, id string) (Application, error) {
	app, err := tx.Application(ctx, id)
	if err != nil {
		return Application{}, notFound(StreamApplication, id)
	}
	if !canSee(a, app.EnterpriseID, app.District(), app.Assignments) {
		return Application{}, s.deny(ctx, a, "read_application", StreamApplication, id, "outside the actor's scope", true)
	}
	return app, nil
}

// Redemption returns a redemption the actor may see; any other answers exactly like a
// missing one.
func (s *Service) Redemption(ctx context.Context, a Actor, id string) (Redemption, error) {
	return view(ctx, s, func(tx Tx) (Redemption, error) { return s.readRedemption(ctx, tx, a, id) })
}

func (s *Service) readRedemption(ctx context.Context, tx Tx, a Actor, id string) (Redemption, error) {
	r, err := tx.Redemption(ctx, id)
	if err != nil {
		return Redemption{}, notFound(StreamRedemption, id)
	}
	if !canSee(a, r.EnterpriseID, r.District(), r.Assignments) {
		return Redemption{}, s.deny(ctx, a, "read_redemption", StreamRedemption, id, "outside the actor's scope", true)
	}
	return r, nil
}
