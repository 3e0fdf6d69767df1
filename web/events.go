package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// event is one new claim on its way from the watcher to the SSE stream.
type event struct {
	seq uint64
	c   claim.Claim
}

// handleEvents bridges new-figure events to Server-Sent Events: each claim that
// passes the filter is one "claim" event whose id is its stream sequence, so a
// reconnecting EventSource (Last-Event-ID) resumes right after the last one it
// saw. Comment lines keep idle connections open through proxies.
func (s *server) handleEvents(w http.ResponseWriter, r *http.Request) {
	if s.events == nil {
		writeError(w, r, s.log, errNoEvents)
		return
	}
	q := r.URL.Query()
	q.Del("limit") // EventSource URLs built from the table's filters may carry it
	q.Del("last_event_id")
	f, err := parseFilter(q)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	var known []SubjectCount
	if f.Subject != "" {
		if known, err = s.store.Subjects(r.Context()); err != nil {
			writeError(w, r, s.log, unavailable(err))
			return
		}
	}
	start, err := resumeFrom(r)
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // a stream outlives the server's write timeout
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": claimwire live claims\nretry: 3000\n\n")
	if err := rc.Flush(); err != nil {
		return
	}
	s.metrics.streamOpened(1)
	defer s.metrics.streamOpened(-1)
	err = s.stream(r.Context(), w, rc, newMatcher(f, known), start)
	if err != nil && !errors.Is(err, context.Canceled) {
		s.log.LogAttrs(r.Context(), slog.LevelWarn, "event stream ended", slog.Any("err", err))
	}
}

// resumeFrom returns the stream sequence to start at: right after Last-Event-ID
// (header, or the last_event_id parameter a fresh page may pass), else 0, which
// means only claims published from now on.
func resumeFrom(r *http.Request) (uint64, error) {
	v := r.Header.Get("Last-Event-ID")
	if v == "" {
		v = r.URL.Query().Get("last_event_id")
	}
	if v == "" {
		return 0, nil
	}
	seq, err := strconv.ParseUint(strings.TrimSpace(v), 10, 64)
	if err != nil || seq == ^uint64(0) {
		return 0, badRequest("Last-Event-ID %q: want a stream sequence number", v)
	}
	return seq + 1, nil
}

// stream runs the watcher in a goroutine it owns and writes what it delivers
// until the client goes away or the watcher stops. It waits for the watcher to
// return before it does.
func (s *server) stream(ctx context.Context, w http.ResponseWriter, rc *http.ResponseController, m matcher, start uint64) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	events := make(chan event)
	watchErr := make(chan error, 1)
	go func() {
		watchErr <- s.events.WatchClaims(ctx, start, func(seq uint64, c claim.Claim) error {
			if !m.matches(c) {
				return nil
			}
			select {
			case events <- event{seq, c}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	tick := time.NewTicker(s.keepAlive)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-ctx.Done():
			cancel()
			<-watchErr
			return ctx.Err()
		case err = <-watchErr:
			return err
		case <-tick.C:
			_, err = fmt.Fprint(w, ": keep-alive\n\n")
		case ev := <-events:
			err = writeEvent(w, ev)
		}
		if err == nil {
			err = rc.Flush()
		}
		if err != nil {
			cancel()
			<-watchErr
			return err
		}
	}
}

// writeEvent writes one SSE event. JSON never contains a raw newline, so the
// payload fits on one data line.
func writeEvent(w http.ResponseWriter, ev event) error {
	data, err := json.Marshal(viewOf(ev.c))
	if err != nil {
		return fmt.Errorf("encode claim %s: %w", ev.c.ID, err)
	}
	_, err = fmt.Fprintf(w, "id: %d\nevent: claim\ndata: %s\n\n", ev.seq, data)
	return err
}
