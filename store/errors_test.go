package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
)

func TestOpenRejectsNonDatabases(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "notes.db")
	os.WriteFile(junk, []byte(strings.Repeat("this is a text file, not SQLite\n", 200)), 0o644)
	corrupt := filepath.Join(dir, "corrupt.db")
	// A real database whose header survived but whose pages are garbage.
	db, err := Open(context.Background(), corrupt)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	os.Remove(corrupt + "-wal")
	os.Remove(corrupt + "-shm")
	b, _ := os.ReadFile(corrupt)
	for i := 100; i < len(b); i++ {
		b[i] = byte(i * 7)
	}
	os.WriteFile(corrupt, b, 0o644)

	for _, path := range []string{junk, corrupt} {
		_, err := Open(context.Background(), path)
		if !errors.Is(err, ErrNotDatabase) {
			t.Errorf("Open(%s) = %v, want ErrNotDatabase", filepath.Base(path), err)
		}
		if err != nil && !strings.Contains(err.Error(), filepath.Base(path)) {
			t.Errorf("error %q does not name the file", err)
		}
	}
	if _, err := Open(context.Background(), dir); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("Open(a directory) = %v, want an error saying it is a directory", err)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "future.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.w.Exec("INSERT INTO schema_version (version, applied_at) VALUES (?, 'later')", SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = Open(context.Background(), path)
	if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "upgrade claimwire") {
		t.Errorf("Open(newer schema) = %v, want ErrNewerSchema asking for an upgrade", err)
	}
	// The same version reopens fine (near miss).
	db, err = Open(context.Background(), filepath.Join(t.TempDir(), "same.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err = Open(context.Background(), db.Path()); err != nil {
		t.Errorf("reopen at the current version: %v", err)
	} else {
		db.Close()
	}
}

func TestOpenInUnwritableDirectory(t *testing.T) {
	parentIsFile := filepath.Join(t.TempDir(), "file")
	os.WriteFile(parentIsFile, []byte("x"), 0o644)
	if _, err := Open(context.Background(), filepath.Join(parentIsFile, "claims.db")); !errors.Is(err, ErrCannotOpen) {
		t.Errorf("Open under a regular file = %v, want ErrCannotOpen", err)
	}

	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
		// Root ignores permission bits; an immutable directory stops it too.
		f.Close()
		os.Remove(f.Name())
		if err := exec.Command("chattr", "+i", dir).Run(); err != nil {
			t.Skipf("cannot make a directory read-only here (root without chattr): %v", err)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", dir).Run() })
	}
	_, err := Open(context.Background(), filepath.Join(dir, "claims.db"))
	if !errors.Is(err, ErrCannotOpen) && !errors.Is(err, ErrReadOnly) {
		t.Errorf("Open in a read-only directory = %v, want ErrCannotOpen or ErrReadOnly", err)
	}
}

func TestFullDiskLeavesNoHalfDocument(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "full.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var pages int
	db.w.QueryRow("PRAGMA page_count").Scan(&pages)
	db.Close()
	// Room for a few more pages: a document with many long claims cannot fit.
	db, err = Open(ctx, path, WithMaxPages(pages+4))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var cs []claim.Claim
	for i := range 400 {
		cs = append(cs, runRate("AWS", float64(i)*1e9, strings.Repeat("A long sentence about run rates. ", 20)+string(rune('a'+i%26))))
		cs[i].Span = [2]int{i, i + 1}
	}
	doc, cs := article("https://example.com/big", "2025-10-30", "big", cs...)
	_, err = db.SaveDocument(ctx, doc, cs)
	if !errors.Is(err, ErrFull) {
		t.Fatalf("SaveDocument on a full database = %v, want ErrFull", err)
	}
	if !strings.Contains(err.Error(), "full") {
		t.Errorf("error %q does not say the disk is full", err)
	}
	for _, table := range []string{"documents", "claims", "facts", "outbox"} {
		if n := count(t, db, "SELECT count(*) FROM "+table); n != 0 {
			t.Errorf("%s has %d rows after a failed save, want 0", table, n)
		}
	}
	// A small document still fits: the failure did not wedge the writer.
	doc, small := article("https://example.com/small", "2025-10-30", "small", runRate("AWS", 1e9, "x"))
	if _, err := db.SaveDocument(ctx, doc, small); err != nil {
		t.Errorf("small save after a full-disk failure: %v", err)
	}
}

func TestLockedDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "locked.db")
	db, err := Open(ctx, path, WithBusyTimeout(100*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Another connection, as another process would, holds the write lock.
	other, err := sql.Open("sqlite3", "file:"+path+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO meta (key, value) VALUES ('lock', 'held')"); err != nil {
		t.Fatal(err)
	}
	doc, cs := article("https://example.com/x", "2025-10-30", "x", runRate("AWS", 1e9, "x"))
	start := time.Now()
	_, err = db.SaveDocument(ctx, doc, cs)
	if !errors.Is(err, ErrLocked) {
		t.Errorf("save under another writer's lock = %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("locked save took %v, want about the 100ms busy timeout", d)
	}
	// Readers are not blocked by the writer (WAL).
	if _, _, err := db.FindClaims(ctx, claim.Filter{}); err != nil {
		t.Errorf("read during another writer's lock: %v", err)
	}
	tx.Rollback()
	if _, err := db.SaveDocument(ctx, doc, cs); err != nil {
		t.Errorf("save after the lock is released: %v", err)
	}
}

func TestFullTextIndexSurvivesBuildWithoutFTS(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "fts.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if !db.FullText() {
		db.Close()
		t.Skip("built without the sqlite_fts5 tag")
	}
	doc, cs := article("https://a.example/1", "2025-10-30", "alpha", runRate("AWS", 1e9, "Alpha figure."))
	mustSave(t, db, doc, cs)
	db.Close()
	db, err = Open(ctx, path, WithoutFullText())
	if err != nil {
		t.Fatal(err)
	}
	doc, cs = article("https://b.example/1", "2025-10-30", "bravo", runRate("AWS", 2e9, "Bravo figure."))
	mustSave(t, db, doc, cs)
	db.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, word := range []string{"alpha", "bravo"} {
		got, _, err := db.FindClaims(ctx, claim.Filter{Search: word})
		if err != nil || len(got) != 1 {
			t.Errorf("search %q after a non-FTS write = %d claims (%v), want 1", word, len(got), err)
		}
	}
}
