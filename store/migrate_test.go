package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/claimwire/claimwire/claim"
)

// TestMigrateKeepsFacts opens a database an earlier build wrote at schema
// version 1 (facts WITHOUT ROWID) and checks the upgrade keeps its facts and
// that the upsert still finds them by key.
func TestMigrateKeepsFacts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	old, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL) STRICT",
		ms[0].sql,
		"INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00Z')",
		`INSERT INTO facts (key, subject, metric, segment, period, basis, unit, modality, value, claims, sources,
			corroboration, conflict, updated_at) VALUES ('k1', 'AWS', 'revenue', '', '2025-Q3', '', 'USD', 'forecast',
			30e9, 2, 2, 1, 1, '2026-01-01T00:00:00Z')`,
	} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatalf("build v1 database: %v", err)
		}
	}
	old.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var version int
	if err := db.w.QueryRowContext(ctx, "SELECT max(version) FROM schema_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if version != SchemaVersion() || version < 2 {
		t.Errorf("schema version = %d, want %d", version, SchemaVersion())
	}
	want := claim.Fact{Key: "k1", Subject: "AWS", Metric: "revenue", Period: "2025-Q3", Unit: "USD",
		Modality: claim.Forecast, Value: 30e9, Claims: 2, Sources: 2, Corroboration: 1, Conflict: true}
	got, err := db.Fact(ctx, "k1")
	if err != nil {
		t.Fatal(err)
	}
	if !cmp.Equal(got, want, cmpopts.EquateEmpty()) {
		t.Errorf("fact after migration = %+v, want %+v", got, want)
	}
	// The bulk upsert's ON CONFLICT (key) needs the unique key index.
	up := factUpsert{Fact: want, Modality: string(want.Modality)}
	up.Value, up.Conflict = 31e9, false
	err = db.tx(ctx, func(tx *sql.Tx) error {
		w := &writer{db: db, tx: tx, now: "2026-02-01T00:00:00Z"}
		return w.writeFacts(ctx, []factUpsert{up}, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	fs, err := db.Facts(ctx, claim.Filter{Subject: "aws"})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Value != 31e9 || fs[0].Conflict {
		t.Errorf("facts after upsert = %+v, want the one fact at 31e9 without conflict", fs)
	}
}
