package store

import (
	"context"
	"testing"
)

// TestFactOutbox: the fact changes a save makes are kept in the outbox with
// the claims until marked published, oldest first, and survive a reopen.
func TestFactOutbox(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/claims.db"
	db, err := Open(ctx, path, WithFactOutbox())
	if err != nil {
		t.Fatal(err)
	}
	doc, cs := article("https://a.example/1", "2025-10-30", "AWS's AI business reached a $15 billion run rate.", runRate("AWS", 15e9, ""))
	res, err := db.SaveDocument(ctx, doc, cs)
	if err != nil {
		t.Fatal(err)
	}
	doc2, cs2 := article("https://b.example/2", "2025-10-31", "AWS's AI business runs at $20 billion a year.", runRate("AWS", 20e9, ""))
	res2, err := db.SaveDocument(ctx, doc2, cs2)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Facts) == 0 || len(res2.Facts) == 0 {
		t.Fatalf("saves made no fact changes: %d, %d", len(res.Facts), len(res2.Facts))
	}
	db.Close()
	if db, err = Open(ctx, path, WithFactOutbox()); err != nil { // what was committed is still owed after a restart
		t.Fatal(err)
	}
	defer db.Close()
	seqs, changes, err := db.PendingFactChanges(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(res.Facts) + len(res2.Facts); len(changes) != want || len(seqs) != want {
		t.Fatalf("pending %d changes (%d seqs), want %d", len(changes), len(seqs), want)
	}
	if changes[0].After.Key != res.Facts[0].After.Key || changes[len(changes)-1].After.Value != res2.Facts[len(res2.Facts)-1].After.Value {
		t.Errorf("pending changes out of order: %+v", changes)
	}
	if !changes[len(changes)-1].After.Conflict {
		t.Errorf("the second source's change should carry the conflict: %+v", changes[len(changes)-1].After)
	}
	if err := db.MarkFactChangesPublished(ctx, seqs[:1]...); err != nil {
		t.Fatal(err)
	}
	rest, _, err := db.PendingFactChanges(ctx, 100)
	if err != nil || len(rest) != len(seqs)-1 || rest[0] != seqs[1] {
		t.Fatalf("after marking the first: %v, %v", rest, err)
	}
	if err := db.MarkFactChangesPublished(ctx, rest...); err != nil {
		t.Fatal(err)
	}
	if rest, _, _ := db.PendingFactChanges(ctx, 100); len(rest) != 0 {
		t.Errorf("%d still pending after marking all", len(rest))
	}
}

// TestNoFactOutboxByDefault: a database nobody publishes from keeps no fact
// changes (they would only grow), yet the saves still report them.
func TestNoFactOutboxByDefault(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	doc, cs := article("https://a.example/1", "2025-10-30", "AWS's AI business reached a $15 billion run rate.", runRate("AWS", 15e9, ""))
	res, err := db.SaveDocument(ctx, doc, cs)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Facts) == 0 {
		t.Fatal("the save reported no fact change")
	}
	if _, pending, err := db.PendingFactChanges(ctx, 100); err != nil || len(pending) != 0 || db.KeepsFactChanges() {
		t.Errorf("pending %d, err %v, keeps %v; want none kept", len(pending), err, db.KeepsFactChanges())
	}
}
