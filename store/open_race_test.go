package store

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
)

// TestConcurrentOpenOfNewFile opens one new database file from several
// handles at once, as a store writer and a reader process do on first start:
// every open must succeed (migrations and the search index are built once).
func TestConcurrentOpenOfNewFile(t *testing.T) {
	for round := range 5 {
		path := filepath.Join(t.TempDir(), "shared.db")
		errs := make([]error, 4)
		var wg sync.WaitGroup
		for i := range errs {
			wg.Go(func() {
				db, err := Open(context.Background(), path)
				if err == nil {
					err = db.Close()
				}
				errs[i] = err
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d, open %d: %v", round, i, err)
			}
		}
	}
}
