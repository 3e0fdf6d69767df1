package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// funding is Anthropic's funding in 2025-Q4 from investor (none when "").
func funding(investor string, v float64) claim.Claim {
	return claim.Claim{Subject: "Anthropic", Metric: claim.Funding, Value: v, Unit: claim.USD, Period: "2025-Q4",
		Counterparty: investor, Quote: investor + " invests in Anthropic.", Span: [2]int{0, 5}}
}

// factsOf lists the facts of subject and metric, keyed by counterparty.
func factsOf(t *testing.T, db *DB, subject string, metric claim.Metric) map[string]claim.Fact {
	t.Helper()
	fs, err := db.Facts(context.Background(), claim.Filter{Subject: subject, Metric: metric})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]claim.Fact{}
	for _, f := range fs {
		if _, dup := out[f.Counterparty]; dup {
			t.Fatalf("two %s %s facts with counterparty %q: %+v", subject, metric, f.Counterparty, fs)
		}
		out[f.Counterparty] = f
	}
	return out
}

func TestCounterpartySeparatesFacts(t *testing.T) {
	db := openTest(t)
	// Two investors' deals with one company in one quarter: two facts, no conflict.
	doc, cs := article("https://a.example/ms", "2025-11-18", "a", funding("Microsoft", 5e9))
	mustSave(t, db, doc, cs)
	doc, cs = article("https://b.example/nv", "2025-11-18", "b", funding("Nvidia", 10e9))
	res := mustSave(t, db, doc, cs)
	if len(res.Facts) != 1 || res.Facts[0].Before != nil || res.Facts[0].After.Counterparty != "Nvidia" {
		t.Errorf("Nvidia's save moved %+v, want one new fact with counterparty Nvidia", res.Facts)
	}
	fs := factsOf(t, db, "Anthropic", claim.Funding)
	if len(fs) != 2 {
		t.Fatalf("facts = %+v, want Microsoft's and Nvidia's apart", fs)
	}
	for cp, want := range map[string]float64{"Microsoft": 5e9, "Nvidia": 10e9} {
		if f := fs[cp]; f.Value != want || f.Claims != 1 || f.Conflict || f.Corroboration != 1 {
			t.Errorf("%s fact = %+v, want %g from one claim, no conflict", cp, f, want)
		}
	}

	// The same investor named by an alias is the same deal: "Google" is
	// Alphabet, and two publishers agreeing corroborate it.
	doc, cs = article("https://c.example/g", "2025-11-19", "c", funding("Google", 2e9))
	mustSave(t, db, doc, cs)
	doc, cs = article("https://d.example/g", "2025-11-20", "d", funding("alphabet ", 2e9))
	mustSave(t, db, doc, cs)
	if f := factsOf(t, db, "Anthropic", claim.Funding)["Alphabet"]; f.Claims != 2 || f.Corroboration != 2 || f.Conflict {
		t.Errorf("Alphabet fact = %+v, want Google's and Alphabet's claims corroborating", f)
	}

	// The same investor with another figure is still a conflict.
	doc, cs = article("https://e.example/ms", "2025-11-21", "e", funding("Microsoft", 7e9))
	mustSave(t, db, doc, cs)
	fs = factsOf(t, db, "Anthropic", claim.Funding)
	if f := fs["Microsoft"]; f.Claims != 2 || !f.Conflict || f.Sources != 2 {
		t.Errorf("Microsoft fact = %+v, want $5B and $7B in conflict", f)
	}
	if f := fs["Nvidia"]; f.Conflict || f.Claims != 1 {
		t.Errorf("Nvidia fact = %+v, want it untouched", f)
	}
	full, err := db.Fact(context.Background(), fs["Microsoft"].Key)
	if err != nil {
		t.Fatal(err)
	}
	if full.Counterparty != "Microsoft" || len(full.Agreeing)+len(full.Conflicting) != 2 {
		t.Errorf("Fact(Microsoft) = %+v", full)
	}
	checkFactsMatchClaims(t, db)
}

func TestNoCounterpartyKeyUnchanged(t *testing.T) {
	db := openTest(t)
	doc, cs := article("https://a.example/1", "2025-10-30", "x", runRate("Amazon Web Services", 15e9, "x"))
	mustSave(t, db, doc, cs)
	// What the key was before counterparties counted (sha256 of "aws", the
	// metric, "ai business", "2025-Q3", "", "USD", "actual" joined by 0x1f):
	// databases written before keep their facts.
	const old = "e01f8b4a1f73c789"
	if f := onlyFact(t, db); f.Key != old || f.Counterparty != "" {
		t.Errorf("fact key %s, counterparty %q; want %s and none", f.Key, f.Counterparty, old)
	}
	if n := count(t, db, "SELECT count(*) FROM claims WHERE fact_key = ?", old); n != 1 {
		t.Errorf("claims with key %s = %d, want 1", old, n)
	}
	// A report naming no investor stays apart from one naming the investor.
	doc, cs = article("https://b.example/1", "2025-11-18", "y", funding("", 5e9))
	mustSave(t, db, doc, cs)
	doc, cs = article("https://c.example/1", "2025-11-18", "z", funding("Microsoft", 5e9))
	mustSave(t, db, doc, cs)
	fs := factsOf(t, db, "Anthropic", claim.Funding)
	if len(fs) != 2 || fs[""].Corroboration != 1 || fs["Microsoft"].Corroboration != 1 {
		t.Errorf("facts = %+v, want the unnamed and Microsoft's deal apart", fs)
	}
}

func TestSaveAliasesMovesCounterparties(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	doc, cs := article("https://a.example/1", "2025-11-18", "a", funding("Redmond Software", 5e9))
	mustSave(t, db, doc, cs)
	doc, cs = article("https://b.example/1", "2025-11-18", "b", funding("Microsoft", 5e9))
	mustSave(t, db, doc, cs)
	if fs := factsOf(t, db, "Anthropic", claim.Funding); len(fs) != 2 {
		t.Fatalf("before the alias: facts %+v, want two", fs)
	}
	if err := db.SaveAliases(ctx, "Microsoft", "Redmond Software"); err != nil {
		t.Fatal(err)
	}
	fs := factsOf(t, db, "Anthropic", claim.Funding)
	if f := fs["Microsoft"]; len(fs) != 1 || f.Claims != 2 || f.Corroboration != 2 {
		t.Errorf("after the alias: facts %+v, want one Microsoft fact of both claims", fs)
	}
	checkFactsMatchClaims(t, db)
}

// buildAtVersion creates a database at path with only the first version
// migrations applied, through the migration runner (SQL and Go steps), as a
// build of that version left it, and returns a plain connection to it for
// writing rows the way that build did.
func buildAtVersion(t *testing.T, path string, version int) *sql.DB {
	t.Helper()
	ctx := context.Background()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	t.Cleanup(func() { raw.Close() })
	old := &DB{w: raw, now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }}
	if err := old.migrateTo(ctx, ms, version); err != nil {
		t.Fatalf("build a version %d database: %v", version, err)
	}
	return raw
}

// v8Claim is a claims row as a version 8 build wrote it.
type v8Claim struct {
	doc        int64
	c          claim.Claim
	day        string
	superseded bool
}

// writeV8 writes documents, claims and facts into a version 8 database as
// that build did: claims keyed without their counterparty, facts as given.
func writeV8(t *testing.T, raw *sql.DB, hosts []string, claims []v8Claim, facts []claim.Fact) {
	t.Helper()
	const stamp = "2026-01-01T00:00:00Z"
	for i, h := range hosts {
		if _, err := raw.Exec(`INSERT INTO documents (id, key_url, url, host, content_hash, first_seen, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, i+1, "https://"+h+"/a", "https://"+h+"/a", h, h, stamp, stamp); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range claims {
		c := r.c
		var sup any
		if r.superseded {
			sup = stamp
		}
		if _, err := raw.Exec(`INSERT INTO claims (id, doc_id, subject, canonical, segment, metric, value, unit,
			qualifier, period, basis, modality, counterparty, quote, span_start, span_end, published, fact_key,
			created_at, superseded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 5, ?, ?, ?, ?)`,
			c.ID, r.doc, c.Subject, c.Subject, c.Segment, string(c.Metric), c.Value, c.Unit, string(c.Qualifier),
			c.Period, c.Basis, string(c.Modality), c.Counterparty, c.Quote, r.day,
			factKey(c.Subject, "", c, factPeriod(c.Period, r.day)), stamp, sup); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range facts {
		if _, err := raw.Exec(`INSERT INTO facts (key, subject, metric, segment, period, basis, unit, modality,
			value, claims, sources, corroboration, conflict, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			f.Key, f.Subject, string(f.Metric), f.Segment, f.Period, f.Basis, f.Unit, string(f.Modality), f.Value,
			f.Claims, f.Sources, f.Corroboration, f.Conflict, stamp); err != nil {
			t.Fatal(err)
		}
	}
}

// v8Anthropic is a version 8 database's Anthropic: four current funding
// claims in one fact in (false) conflict, Microsoft's $5 billion reported
// twice, Google's $3 billion (and a superseded $4 billion) and a $13 billion
// round naming no investor; and a run rate naming none, its own fact.
func v8Anthropic() ([]v8Claim, []claim.Fact, map[string]claim.Claim) {
	mk := func(investor string, v float64, quote string) claim.Claim {
		c := funding(investor, v)
		c.Modality, c.Qualifier, c.Quote = claim.Actual, claim.Exact, quote
		c.Source.URL = "https://x.example/" + quote
		c.SetID()
		return c
	}
	named := map[string]claim.Claim{
		"ms-a":   mk("Microsoft", 5e9, "ms-a"),
		"ms-b":   mk("Microsoft", 5e9, "ms-b"),
		"google": mk("Google", 3e9, "google"),
		"gone":   mk("Google", 4e9, "gone"),
		"round":  mk("", 13e9, "round"),
	}
	rr := claim.Claim{Subject: "Anthropic", Metric: claim.RevenueRunRate, Value: 7e9, Unit: claim.USD,
		Period: "2025-Q4", Modality: claim.Actual, Qualifier: claim.Exact, Quote: "rr", Source: claim.Source{URL: "https://x.example/rr"}}
	rr.SetID()
	named["rr"] = rr
	claims := []v8Claim{
		{doc: 1, c: named["ms-a"], day: "2025-11-18"},
		{doc: 1, c: named["rr"], day: "2025-11-18"},
		{doc: 2, c: named["ms-b"], day: "2025-11-19"},
		{doc: 3, c: named["google"], day: "2025-11-20"},
		{doc: 3, c: named["gone"], day: "2025-11-20", superseded: true},
		{doc: 4, c: named["round"], day: "2025-11-21"},
	}
	oldKey := factKey("Anthropic", "", named["round"], "2025-Q4")
	facts := []claim.Fact{
		{Key: oldKey, Subject: "Anthropic", Metric: claim.Funding, Period: "2025-Q4", Unit: claim.USD,
			Modality: claim.Actual, Value: 5e9, Claims: 4, Sources: 4, Corroboration: 2, Conflict: true},
		{Key: factKey("Anthropic", "", rr, "2025-Q4"), Subject: "Anthropic", Metric: claim.RevenueRunRate,
			Period: "2025-Q4", Unit: claim.USD, Modality: claim.Actual, Value: 7e9, Claims: 1, Sources: 1, Corroboration: 1},
	}
	return claims, facts, named
}

func TestMigrationSplitsFactsByCounterparty(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v8.db")
	raw := buildAtVersion(t, path, 8)
	claims, facts, named := v8Anthropic()
	writeV8(t, raw, []string{"a.example", "b.example", "c.example", "d.example"}, claims, facts)
	keyOf := func(q *sql.DB, name string) string {
		t.Helper()
		var k string
		if err := q.QueryRow("SELECT fact_key FROM claims WHERE id = ?", named[name].ID).Scan(&k); err != nil {
			t.Fatal(err)
		}
		return k
	}
	oldKey, rrKey := facts[0].Key, facts[1].Key
	if keyOf(raw, "ms-a") != oldKey || keyOf(raw, "google") != oldKey {
		t.Fatal("the version 8 claims do not share their fact")
	}
	raw.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := count(t, db, "SELECT max(version) FROM schema_version"); v != SchemaVersion() || v < 9 {
		t.Errorf("schema version %d, want %d", v, SchemaVersion())
	}
	fs := factsOf(t, db, "Anthropic", claim.Funding)
	if len(fs) != 3 {
		t.Fatalf("funding facts after the upgrade = %+v, want Microsoft's, Alphabet's and the unnamed round", fs)
	}
	if f := fs["Microsoft"]; f.Claims != 2 || f.Corroboration != 2 || f.Sources != 2 || f.Conflict || f.Value != 5e9 {
		t.Errorf("Microsoft fact = %+v, want $5B from two agreeing sources", f)
	}
	if f := fs["Alphabet"]; f.Claims != 1 || f.Conflict || f.Value != 3e9 {
		t.Errorf("Alphabet fact = %+v, want Google's $3B (its superseded $4B not counted)", f)
	}
	if f := fs[""]; f.Key != oldKey || f.Claims != 1 || f.Sources != 1 || f.Conflict || f.Value != 13e9 {
		t.Errorf("the unnamed round's fact = %+v, want the old key %s left with its one $13B claim", f, oldKey)
	}
	if n := count(t, db, "SELECT count(*) FROM facts WHERE conflict = 1"); n != 0 {
		t.Errorf("%d facts in conflict after the upgrade, want none", n)
	}
	// Claim rows carry their new keys, the superseded one too; claims
	// naming no counterparty keep theirs.
	for name, want := range map[string]string{
		"ms-a": fs["Microsoft"].Key, "ms-b": fs["Microsoft"].Key, "google": fs["Alphabet"].Key,
		"gone": fs["Alphabet"].Key, "round": oldKey, "rr": rrKey,
	} {
		if got := keyOf(db.w, name); got != want {
			t.Errorf("claim %s fact_key = %s, want %s", name, got, want)
		}
	}
	rr, err := db.Fact(ctx, rrKey)
	if err != nil {
		t.Fatal(err)
	}
	want := facts[1]
	if rr.Key != want.Key || rr.Value != want.Value || rr.Claims != 1 || rr.Conflict || rr.Counterparty != "" {
		t.Errorf("run-rate fact = %+v, want it as it was", rr)
	}
	if n := count(t, db, "SELECT count(*) FROM facts WHERE key = ? AND updated_at = '2026-01-01T00:00:00Z'", rrKey); n != 1 {
		t.Error("the upgrade rewrote the run-rate fact, whose claim names no counterparty")
	}
	checkFactsMatchClaims(t, db)

	// A new report of Microsoft's deal joins the migrated fact.
	doc, cs := article("https://e.example/ms", "2025-11-22", "e", funding("Microsoft Corp", 5e9))
	mustSave(t, db, doc, cs)
	if f := factsOf(t, db, "Anthropic", claim.Funding)["Microsoft"]; f.Claims != 3 || f.Corroboration != 3 {
		t.Errorf("Microsoft fact after a third report = %+v, want 3 agreeing", f)
	}

	// The step is idempotent: run again, it changes nothing.
	before := snapshotFacts(t, db)
	if err := db.tx(ctx, func(tx *sql.Tx) error { return rekeyCounterparties(ctx, db, tx) }); err != nil {
		t.Fatal(err)
	}
	if after := snapshotFacts(t, db); after != before {
		t.Errorf("running the step again changed the facts:\n%s\nthen\n%s", before, after)
	}
}

// snapshotFacts renders every facts row, updated_at included.
func snapshotFacts(t *testing.T, db *DB) string {
	t.Helper()
	var s string
	if err := db.w.QueryRow(`SELECT group_concat(row, char(10)) FROM (SELECT json_array(` + factCols +
		`, updated_at) AS row FROM facts ORDER BY key)`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestMigrationStepFailureKeepsOldVersion checks that a Go step runs in the
// migration's transaction: when it fails, neither its version's SQL nor
// anything it wrote stays, and the database keeps its old version.
func TestMigrationStepFailureKeepsOldVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v8.db")
	raw := buildAtVersion(t, path, 8)
	claims, facts, named := v8Anthropic()
	writeV8(t, raw, []string{"a.example", "b.example", "c.example", "d.example"}, claims, facts)
	raw.Close()

	boom := errors.New("boom")
	step := goSteps[9]
	goSteps[9] = func(ctx context.Context, db *DB, tx *sql.Tx) error {
		if err := step(ctx, db, tx); err != nil {
			return err
		}
		return boom // after the step did all its writes
	}
	_, err := Open(ctx, path)
	goSteps[9] = step
	if !errors.Is(err, boom) {
		t.Fatalf("Open = %v, want the step's error", err)
	}
	raw, err = sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var version, cols int
	var key string
	if err := raw.QueryRow("SELECT max(version) FROM schema_version").Scan(&version); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow("SELECT count(*) FROM pragma_table_info('facts') WHERE name = 'counterparty'").Scan(&cols); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow("SELECT fact_key FROM claims WHERE id = ?", named["ms-a"].ID).Scan(&key); err != nil {
		t.Fatal(err)
	}
	if version != 8 || cols != 0 || key != facts[0].Key {
		t.Errorf("after a failed step: version %d, counterparty column %d, claim key %s; want 8, none, %s",
			version, cols, key, facts[0].Key)
	}

	db, err := Open(ctx, path) // and the real step then upgrades it
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if fs := factsOf(t, db, "Anthropic", claim.Funding); len(fs) != 3 {
		t.Errorf("facts after the retried upgrade = %+v, want 3", fs)
	}
}

// TestFactOutboxCarriesCounterparty: fact changes kept for NATS are the
// claim.Fact as JSON, so the counterparty goes out with them.
func TestFactOutboxCarriesCounterparty(t *testing.T) {
	ctx := context.Background()
	db := openTest(t, WithFactOutbox())
	doc, cs := article("https://a.example/ms", "2025-11-18", "a", funding("Microsoft Corporation", 5e9))
	mustSave(t, db, doc, cs)
	_, changes, err := db.PendingFactChanges(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 1 || changes[0].After.Counterparty != "Microsoft" {
		t.Errorf("pending fact changes = %+v, want one with counterparty Microsoft", changes)
	}
}
