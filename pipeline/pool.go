package pipeline

import (
	"context"
	"sync"
)

// forEach calls fn for every item on at most n goroutines and returns when all
// calls have returned. Once ctx is done no new call starts; calls already
// running see the same ctx and are expected to return promptly.
func forEach[T any](ctx context.Context, n int, items []T, fn func(context.Context, T)) {
	if n < 1 {
		n = 1
	}
	work := make(chan T)
	var wg sync.WaitGroup
	for range min(n, len(items)) {
		wg.Go(func() {
			for it := range work {
				fn(ctx, it)
			}
		})
	}
	defer wg.Wait()
	defer close(work)
	for _, it := range items {
		select {
		case work <- it:
		case <-ctx.Done():
			return
		}
	}
}
