package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// Scheduler runs the checks of configured sources as they fall due, on a
// bounded pool of workers.
type Scheduler struct {
	Crawler *Crawler
	Sources []Source
	Workers int           // sources checked at once (default 4)
	Poll    time.Duration // how often Run looks for due sources (default 1s)
	// Grace is how long in-flight checks may go on after the context ends
	// before they are cancelled too (default 30s).
	Grace time.Duration
	// All makes Once check every source, due or not.
	All bool
	// OnReport, if set, is called after each check, one call at a time.
	OnReport func(Report)
	// OnStart, if set, is told how many sources Once is about to check.
	OnStart func(n int)
}

// Once checks every due source once (every source with All) and returns the
// reports in source order. When ctx ends no new check starts, and the ones
// running get Grace to finish.
func (s *Scheduler) Once(ctx context.Context) ([]Report, error) {
	srcs, err := s.due(ctx, s.All)
	if err != nil {
		return nil, err
	}
	if s.OnStart != nil {
		s.OnStart(len(srcs))
	}
	work, stop := s.graceful(ctx)
	defer stop()
	var mu sync.Mutex
	var reports []Report
	forEach(ctx, orDefault(s.Workers, 4), srcs, func(_ context.Context, src Source) {
		r := s.Crawler.Check(work, src)
		mu.Lock()
		defer mu.Unlock()
		reports = append(reports, r)
		if s.OnReport != nil {
			s.OnReport(r)
		}
	})
	sort.Slice(reports, func(i, j int) bool { return reports[i].Source < reports[j].Source })
	return reports, nil
}

// Run checks sources as they fall due until ctx ends, then stops handing out
// work and waits for the checks in flight (cancelling them after Grace).
func (s *Scheduler) Run(ctx context.Context) error {
	next, err := s.nextChecks(ctx)
	if err != nil {
		return err
	}
	work, stop := s.graceful(ctx)
	defer stop()
	due := make(chan Source)
	reports := make(chan Report)
	var wg sync.WaitGroup
	for range orDefault(s.Workers, 4) {
		wg.Go(func() {
			for src := range due {
				reports <- s.Crawler.Check(work, src)
			}
		})
	}
	ticker := time.NewTicker(orDefault(s.Poll, time.Second))
	defer ticker.Stop()
	busy := map[string]bool{}
	var queue []Source
	queue = s.enqueue(queue, next, busy)
	for ctx.Err() == nil {
		var send chan Source
		var head Source
		if len(queue) > 0 {
			send, head = due, queue[0]
		}
		select {
		case <-ctx.Done():
		case send <- head:
			queue = queue[1:]
		case r := <-reports:
			delete(busy, r.Source)
			next[r.Source] = r.NextCheck
			s.report(r)
		case <-ticker.C:
			queue = s.enqueue(queue, next, busy)
		}
	}
	close(due)
	go func() { wg.Wait(); close(reports) }()
	for r := range reports {
		s.report(r)
	}
	return nil
}

func (s *Scheduler) report(r Report) {
	if s.OnReport != nil {
		s.OnReport(r)
	}
}

// enqueue adds the sources that are due and not queued or running yet.
func (s *Scheduler) enqueue(queue []Source, next map[string]time.Time, busy map[string]bool) []Source {
	now := s.Crawler.now()
	for _, src := range s.Sources {
		if !busy[src.Name] && !next[src.Name].After(now) {
			busy[src.Name] = true
			queue = append(queue, src)
		}
	}
	return queue
}

// due returns the sources whose next check has come (all of them with all).
func (s *Scheduler) due(ctx context.Context, all bool) ([]Source, error) {
	next, err := s.nextChecks(ctx)
	if err != nil {
		return nil, err
	}
	now := s.Crawler.now()
	var out []Source
	for _, src := range s.Sources {
		if all || !next[src.Name].After(now) {
			out = append(out, src)
		}
	}
	return out, nil
}

// nextChecks reads every source's next check from the store.
func (s *Scheduler) nextChecks(ctx context.Context) (map[string]time.Time, error) {
	states, err := s.Crawler.Saver.SourceStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("load source states: %w", err)
	}
	next := make(map[string]time.Time, len(states))
	for _, st := range states {
		next[st.Name] = st.NextCheck
	}
	return next, nil
}

// graceful returns a context for in-flight work that outlives ctx by Grace.
func (s *Scheduler) graceful(ctx context.Context) (context.Context, func()) {
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	grace := orDefault(s.Grace, 30*time.Second)
	var mu sync.Mutex
	var timer *time.Timer
	stopAfter := context.AfterFunc(ctx, func() {
		mu.Lock()
		timer = time.AfterFunc(grace, cancel)
		mu.Unlock()
	})
	return work, func() {
		stopAfter()
		mu.Lock()
		if timer != nil {
			timer.Stop()
		}
		mu.Unlock()
		cancel()
	}
}

// stateTimeout bounds the final save of a source's state, which runs even
// when the check was cancelled.
const stateTimeout = 10 * time.Second

// saveSourceState folds a report into the source's stored state: counts,
// status, consecutive errors, last error and the next check (the interval with
// jitter after a success; a backoff, or the server's Retry-After, after a
// failure; now again after an interruption).
func (c *Crawler) saveSourceState(ctx context.Context, src Source, rep *Report) {
	interrupted := ctx.Err() != nil
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), stateTimeout)
	defer cancel()
	st, err := c.Saver.SourceState(ctx, src.Name)
	if err != nil && !errors.Is(err, claim.ErrNotFound) {
		// The store is failing: back off as for a failed check, so a
		// scheduler does not spin on this source.
		rep.Err = errors.Join(rep.Err, err)
		rep.NextCheck = c.retryAt(1, rep.Err, src.Interval)
		return
	}
	st.Name, st.Kind, st.LastCheck = src.Name, src.Kind, rep.Checked
	st.Documents += rep.Fetched
	st.Claims += rep.NewClaims
	now := c.now()
	switch {
	case interrupted:
		st.NextCheck = now
	case rep.Err != nil:
		st.Status, st.ErrorCount, st.LastError = "error", st.ErrorCount+1, rep.Err.Error()
		st.NextCheck = c.retryAt(st.ErrorCount, rep.Err, src.Interval)
	default:
		st.Status, st.ErrorCount = "ok", 0
		if rep.Failed > 0 {
			st.LastError = fmt.Sprintf("%d document(s) failed, first: %v", rep.Failed, rep.DocErrs[0])
		}
		// Jitter of ±10% so sources with one interval drift apart.
		st.NextCheck = now.Add(time.Duration(float64(src.Interval) * (0.9 + 0.2*c.jitter())))
	}
	if err := c.Saver.SaveSourceState(ctx, st); err != nil {
		rep.Err = errors.Join(rep.Err, err)
	}
	rep.NextCheck = st.NextCheck
}
