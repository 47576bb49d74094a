package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/cxqkit/cxq"
)

// Status is the HTTP status of an error by its kind: invalid input 400, not found 404,
// forbidden 403, a conflict (a stale version, a refused transition) 409, a deadline
// passed 503; anything else is the server's own failure, 500.
func Status(err error) int {
	switch {
	case err == nil:
		return http.StatusOK
	case errors.Is(err, cxq.ErrInvalid):
		return http.StatusBadRequest
	case errors.Is(err, cxq.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, cxq.ErrForbidden):
		return http.StatusForbidden
	case errors.Is(err, cxq.ErrConflict):
		return http.StatusConflict
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}
