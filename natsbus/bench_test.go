package natsbus

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/claimwire/claimwire/claim"
)

// BenchmarkPublishClaims measures new-figure events per second published in
// batches of 500 (as the store writer drains its outbox).
func BenchmarkPublishClaims(b *testing.B) {
	_, c := startServer(b, Policy{})
	ctx := context.Background()
	batch := make([]claim.Claim, 500)
	data, _ := json.Marshal(testClaim(0))
	b.SetBytes(int64(len(data) * len(batch)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for i := range batch {
			batch[i] = testClaim(n)
			n++
		}
		if err := c.PublishClaims(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkPublishClaim measures one synchronous publish with its ack.
func BenchmarkPublishClaim(b *testing.B) {
	_, c := startServer(b, Policy{})
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if _, err := c.PublishClaim(ctx, testClaim(n)); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
}
