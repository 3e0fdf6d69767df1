package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// BusJob is one fetch job on the work queue: check one source.
type BusJob struct {
	Source string    `json:"source"`
	At     time.Time `json:"at"` // when it was scheduled
}

// id dedupes a job on the queue: the same source in the same round.
func (j BusJob) id() string { return j.Source + "|" + j.At.UTC().Format(time.RFC3339Nano) }

// Schedule says which sources are due; the bus scheduler records each one it
// queued so the next round does not queue it again.
type Schedule interface {
	Due(ctx context.Context, now time.Time) ([]string, error)
	Scheduled(ctx context.Context, source string, now time.Time) error
}

// SourceSchedule is the Schedule of configured sources over stored crawl
// state: a source is due when its next check has come (or it never ran).
type SourceSchedule struct {
	Sources []Source
	State   CrawlState
}

// Due lists the sources whose next check is at or before now.
func (s SourceSchedule) Due(ctx context.Context, now time.Time) ([]string, error) {
	var due []string
	for _, src := range s.Sources {
		st, err := s.State.SourceState(ctx, src.Name)
		if err != nil && !errors.Is(err, claim.ErrNotFound) {
			return nil, err
		}
		if st.NextCheck.IsZero() || !st.NextCheck.After(now) {
			due = append(due, src.Name)
		}
	}
	return due, nil
}

// Scheduled moves source's next check one interval on; the worker's Check
// then records the real outcome (and a backoff after a failure).
func (s SourceSchedule) Scheduled(ctx context.Context, source string, now time.Time) error {
	for _, src := range s.Sources {
		if src.Name != source {
			continue
		}
		st, err := s.State.SourceState(ctx, source)
		if err != nil && !errors.Is(err, claim.ErrNotFound) {
			return err
		}
		if st.Name == "" {
			st = claim.SourceState{Name: src.Name, Kind: src.Kind, Status: "never"}
		}
		st.NextCheck = now.Add(max(src.Interval, time.Minute))
		return s.State.SaveSourceState(ctx, st)
	}
	return fmt.Errorf("schedule %s: %w: no such source", source, claim.ErrNotFound)
}

// BusScheduler is the scheduler role: while it holds the scheduler lease it
// queues a discovery job for each due source. Two schedulers never queue the
// same round: the lease keeps one active, and job ids dedupe a round queued
// twice across a lease hand-over.
type BusScheduler struct {
	Jobs     JobQueue
	Lease    Leaser
	Schedule Schedule
	Holder   string        // this process, for the lease
	Every    time.Duration // how often due sources are checked; 10s
	Now      func() time.Time
	Log      *slog.Logger
}

// Run schedules until ctx is done.
func (s *BusScheduler) Run(ctx context.Context) error {
	return s.Lease.HoldLease(ctx, "scheduler", s.Holder, s.schedule)
}

func (s *BusScheduler) schedule(ctx context.Context) error {
	every := s.Every
	if every <= 0 {
		every = 10 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := s.round(ctx); err != nil && ctx.Err() == nil {
			busLogger(s.Log).Warn("schedule round", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// round queues every due source once.
func (s *BusScheduler) round(ctx context.Context) error {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	at := now()
	due, err := s.Schedule.Due(ctx, at)
	if err != nil {
		return fmt.Errorf("due sources: %w", err)
	}
	for _, src := range due {
		if err := publishJob(ctx, s.Jobs, BusJob{Source: src, At: at}); err != nil {
			return err
		}
		if err := s.Schedule.Scheduled(ctx, src, at); err != nil {
			return fmt.Errorf("record %s scheduled: %w", src, err)
		}
	}
	return nil
}

func publishJob(ctx context.Context, q JobQueue, j BusJob) error {
	data, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("encode job: %w", err)
	}
	if err := q.PublishJob(ctx, j.Source, j.id(), data); err != nil {
		return fmt.Errorf("queue job %s: %w", j.Source, err)
	}
	return nil
}

// Checker checks one source; *Crawler is one (with a BusSaver as its Saver).
type Checker interface {
	Check(ctx context.Context, src Source) Report
}

// BusFetcher is the fetch role: it takes source jobs from the queue and checks
// each with the crawl's own Check, whose Saver publishes the documents to the
// document stream. Workers jobs run at once.
type BusFetcher struct {
	Jobs    JobQueue
	Crawl   Checker
	Sources []Source
	Dead    DeadLetters // may be nil: failures are then only logged
	Workers int         // jobs worked on at once; 2
	Log     *slog.Logger
}

// Run works until ctx is done; jobs in flight then are nak'd for another worker.
func (f *BusFetcher) Run(ctx context.Context) error {
	n := f.Workers
	if n <= 0 {
		n = 2
	}
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- f.Jobs.ConsumeJobs(ctx, f.handle)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return fmt.Errorf("fetch worker: %w", err)
		}
	}
	return nil
}

// handle works one job. A failed source check is retried by the queue; on the
// last attempt it is recorded as a dead letter and terminated. A panic counts
// as a failure, so poison input cannot take the worker down.
func (f *BusFetcher) handle(ctx context.Context, data []byte, last bool) (err error) {
	var j BusJob
	if err := json.Unmarshal(data, &j); err != nil {
		f.deadLetter(ctx, "job:undecodable", fmt.Errorf("decode job: %w", err), data)
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic checking %s: %v", j.Source, r)
			busLogger(f.Log).Error("job panicked", "source", j.Source, "stack", string(debug.Stack()))
		}
		if err != nil && last && ctx.Err() == nil {
			f.deadLetter(ctx, "job:"+j.Source, err, data)
		}
	}()
	src, ok := f.source(j.Source)
	if !ok {
		f.deadLetter(ctx, "job:"+j.Source, fmt.Errorf("no source %q in this worker's configuration", j.Source), data)
		return nil
	}
	rep := f.Crawl.Check(ctx, src)
	busLogger(f.Log).Info("source checked", "source", src.Name, "fetched", rep.Fetched,
		"unchanged", rep.Unchanged, "failed", rep.Failed, "claims", rep.Claims, "err", rep.Err)
	if rep.Err != nil {
		return fmt.Errorf("check %s: %w", src.Name, rep.Err)
	}
	return nil
}

func (f *BusFetcher) source(name string) (Source, bool) {
	for _, s := range f.Sources {
		if s.Name == name {
			return s, true
		}
	}
	return Source{}, false
}

func (f *BusFetcher) deadLetter(ctx context.Context, key string, err error, data []byte) {
	busLogger(f.Log).Error("dead letter", "key", key, "err", err)
	if f.Dead == nil {
		return
	}
	if rerr := f.Dead.RecordDeadLetter(ctx, key, err.Error(), data); rerr != nil {
		busLogger(f.Log).Error("record dead letter", "key", key, "err", rerr)
	}
}

func busLogger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}
