package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// readyTimeout bounds each readiness check, so a hung store answers 503 fast.
const readyTimeout = 2 * time.Second

func (s *server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// handleReadyz checks the store (Ping) and NATS (Readier, when the events
// source has it). NATS that is not configured is reported, not a failure:
// `claimwire serve` without --nats is a complete server without a live feed.
func (s *server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	out := map[string]string{"status": "ready", "store": "ok", "nats": "ok"}
	status := http.StatusOK
	if s.store == nil {
		out["store"], out["status"], status = "not configured", "not ready", http.StatusServiceUnavailable
	} else if err := s.store.Ping(ctx); err != nil {
		s.log.LogAttrs(ctx, slog.LevelWarn, "readiness: store", slog.Any("err", err))
		out["store"], out["status"], status = "unavailable", "not ready", http.StatusServiceUnavailable
	}
	switch ev := s.events.(type) {
	case nil:
		out["nats"] = "not configured"
	case Readier:
		if err := ev.Ready(); err != nil {
			s.log.LogAttrs(ctx, slog.LevelWarn, "readiness: nats", slog.Any("err", err))
			out["nats"], out["status"], status = "unreachable", "not ready", http.StatusServiceUnavailable
		}
	default:
		out["nats"] = "unchecked"
	}
	writeJSON(w, status, out)
}
