package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/claimwire/claimwire/claim"
)

func TestAgrees(t *testing.T) {
	vmax := func(v float64) sql.NullFloat64 { return sql.NullFloat64{Float64: v, Valid: true} }
	tests := []struct {
		name string
		v    float64
		c    factClaim
		want bool
	}{
		{"same dollars", 15e9, factClaim{value: 15e9, unit: "USD"}, true},
		{"within 2%", 15e9, factClaim{value: 15.25e9, unit: "USD"}, true},
		{"just beyond 2%", 15e9, factClaim{value: 15.4e9, unit: "USD"}, false},
		{"15 vs 20 billion", 15e9, factClaim{value: 20e9, unit: "USD"}, false},
		{"about: 5%", 15e9, factClaim{value: 15.7e9, unit: "USD", qualifier: "approx"}, true},
		{"about: beyond 5%", 15e9, factClaim{value: 16e9, unit: "USD", qualifier: "approx"}, false},
		{"percent within a point", 150, factClaim{value: 151, unit: "percent"}, true},
		{"percent two points off", 150, factClaim{value: 152, unit: "percent"}, false},
		{"small percent near miss", 3, factClaim{value: 4.5, unit: "percent"}, false},
		{"inside a range", 11e9, factClaim{value: 10e9, valueMax: vmax(12e9), unit: "USD"}, true},
		{"outside a range", 13e9, factClaim{value: 10e9, valueMax: vmax(12e9), unit: "USD"}, false},
		{"negative values", -310e6, factClaim{value: -312e6, unit: "USD"}, true},
		{"sign differs", -310e6, factClaim{value: 310e6, unit: "USD"}, false},
	}
	for _, tt := range tests {
		if got := agrees(tt.v, tt.c); got != tt.want {
			t.Errorf("%s: agrees(%g, %+v) = %v, want %v", tt.name, tt.v, tt.c, got, tt.want)
		}
	}
}

// saveRunRate stores one article at url asserting AWS's AI run rate v.
func saveRunRate(t *testing.T, db *DB, url, text string, v float64) claim.SaveResult {
	t.Helper()
	doc, cs := article(url, "2025-10-30", text, runRate("Amazon Web Services", v, "The AI business runs at a rate."))
	return mustSave(t, db, doc, cs)
}

func onlyFact(t *testing.T, db *DB) claim.Fact {
	t.Helper()
	fs, err := db.Facts(context.Background(), claim.Filter{Subject: "AWS", Metric: claim.RevenueRunRate})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 {
		t.Fatalf("facts = %+v, want exactly one", fs)
	}
	f, err := db.Fact(context.Background(), fs[0].Key)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestCorroborationCountsIndependentSources(t *testing.T) {
	db := openTest(t)
	const story = "AWS's AI business has reached a $15 billion annual revenue run rate."
	saveRunRate(t, db, "https://www.geekwire.com/aws-ai", story, 15e9)
	if f := onlyFact(t, db); f.Corroboration != 1 || f.Sources != 1 || f.Conflict {
		t.Fatalf("one source: %+v", f)
	}
	// A syndicated copy: the same text under another publisher's URL.
	res := saveRunRate(t, db, "https://news.yahoo.com/aws-ai-syndicated", story, 15e9)
	if f := onlyFact(t, db); f.Corroboration != 1 || f.Sources != 1 || f.Claims != 2 {
		t.Errorf("after a syndicated copy: corroboration %d, sources %d, claims %d; want 1, 1, 2",
			f.Corroboration, f.Sources, f.Claims)
	}
	if len(res.Facts) != 1 || res.Facts[0].Before == nil || res.Facts[0].After.Claims != 2 {
		t.Errorf("syndicated save fact changes = %+v, want the fact moving from 1 to 2 claims", res.Facts)
	}
	// Another page of the same publisher does not corroborate either.
	saveRunRate(t, db, "https://geekwire.com/other-take", "GeekWire again: $15 billion run rate.", 15e9)
	if f := onlyFact(t, db); f.Corroboration != 1 {
		t.Errorf("same publisher, other text: corroboration %d, want 1", f.Corroboration)
	}
	// An independent outlet with its own words does.
	saveRunRate(t, db, "https://www.cnbc.com/aws", "CNBC: Amazon's cloud AI unit is at $15.1 billion a year.", 15.1e9)
	f := onlyFact(t, db)
	if f.Corroboration != 2 || f.Sources != 2 || f.Conflict {
		t.Errorf("independent outlet within tolerance: corroboration %d, sources %d, conflict %v; want 2, 2, false",
			f.Corroboration, f.Sources, f.Conflict)
	}
	if len(f.Agreeing) != 4 || len(f.Conflicting) != 0 {
		t.Errorf("agreeing %d, conflicting %d; want 4, 0", len(f.Agreeing), len(f.Conflicting))
	}
}

func TestConflictDetection(t *testing.T) {
	db := openTest(t)
	saveRunRate(t, db, "https://a.example/1", "A says 15.", 15e9)
	saveRunRate(t, db, "https://b.example/1", "B says 15 too.", 15e9)
	res := saveRunRate(t, db, "https://c.example/1", "C says 20.", 20e9)
	f := onlyFact(t, db)
	if !f.Conflict || f.Value != 15e9 || f.Corroboration != 2 || f.Sources != 3 {
		t.Fatalf("15, 15, 20: %+v; want value 15e9 agreed by 2 of 3 sources, conflict", f)
	}
	if len(f.Conflicting) != 1 || f.Conflicting[0].Value != 20e9 {
		t.Errorf("conflicting claims = %+v, want the $20B one", f.Conflicting)
	}
	if len(res.Facts) != 1 || res.Facts[0].Before.Conflict || !res.Facts[0].After.Conflict {
		t.Errorf("fact change = %+v, want conflict appearing", res.Facts)
	}
	// Two more outlets for 20: the fact's value moves to the majority.
	saveRunRate(t, db, "https://d.example/1", "D says 20.", 20e9)
	saveRunRate(t, db, "https://e.example/1", "E says 20.", 20e9)
	if f := onlyFact(t, db); f.Value != 20e9 || f.Corroboration != 3 || !f.Conflict {
		t.Errorf("after 2 more for 20: value %g corroboration %d; want 20e9, 3", f.Value, f.Corroboration)
	}
}

// TestOtherFiguresNeverConflict: figures the extractor could not classify
// share the metric "other" but measure different things.
func TestOtherFiguresNeverConflict(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	for i, v := range []float64{500e9, 24.3e9} {
		c := claim.Claim{Subject: "Nvidia", Metric: claim.Other, Value: v, Unit: claim.USD, Period: "FY2026",
			Quote: fmt.Sprintf("Nvidia figure %d.", i), Span: [2]int{0, 6}}
		doc, cs := article(fmt.Sprintf("https://outlet%d.example/n", i), "2025-11-24", c.Quote, c)
		mustSave(t, db, doc, cs)
	}
	fs, err := db.Facts(ctx, claim.Filter{Subject: "Nvidia", Metric: claim.Other})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Claims != 2 || fs[0].Conflict {
		t.Errorf("facts = %+v, want one fact of 2 claims without a conflict", fs)
	}
}

func TestTieGoesToLatest(t *testing.T) {
	db := openTest(t)
	saveRunRate(t, db, "https://a.example/1", "A says 15.", 15e9)
	saveRunRate(t, db, "https://b.example/1", "B says 18.", 18e9)
	if f := onlyFact(t, db); f.Value != 18e9 || f.Corroboration != 1 || !f.Conflict {
		t.Errorf("tie: %+v; want the latest value 18e9 with a conflict", f)
	}
}

func TestFactsKeepPeriodsAndModalitiesApart(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	actual := runRate("AWS", 15e9, "AWS is at $15 billion.")
	forecast := runRate("AWS", 30e9, "AWS could reach $30 billion.")
	forecast.Modality = claim.Forecast
	later := runRate("AWS", 20e9, "AWS is at $20 billion.")
	later.Period = "2026-Q1"
	doc, cs := article("https://a.example/x", "2025-10-30", "three periods", actual, forecast, later)
	first := mustSave(t, db, doc, cs)
	var moved []claim.Modality
	for _, ch := range first.Facts {
		moved = append(moved, ch.After.Modality)
	}
	slices.Sort(moved)
	if want := []claim.Modality{claim.Actual, claim.Actual, claim.Forecast}; !slices.Equal(moved, want) {
		t.Errorf("saved fact modalities = %v, want %v", moved, want)
	}
	fs, err := db.FindFacts(ctx, FactQuery{Filter: claim.Filter{Subject: "aws"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 3 {
		t.Fatalf("facts = %d, want 3 (actual, forecast, other period)", len(fs))
	}
	var keys []string
	for _, f := range fs {
		if f.Conflict {
			t.Errorf("fact %+v is in conflict; distinct periods/modalities must not conflict", f)
		}
		keys = append(keys, f.Key)
	}
	mods, err := db.FactModalities(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	var forecasts int
	for _, f := range fs {
		if mods[f.Key] == claim.Forecast {
			forecasts++
			if f.Value != 30e9 {
				t.Errorf("forecast fact value = %g, want 30e9", f.Value)
			}
		}
	}
	if forecasts != 1 || len(mods) != 3 {
		t.Errorf("modalities = %v, want 3 with one forecast", mods)
	}
	res := mustSave(t, db, doc, cs) // the same document again moves no fact
	if len(res.Facts) != 0 {
		t.Errorf("saving again moved facts %+v", res.Facts)
	}
	for _, f := range fs {
		if f.Modality != mods[f.Key] {
			t.Errorf("FindFacts fact %s modality = %q, want %q", f.Key, f.Modality, mods[f.Key])
		}
		one, err := db.Fact(ctx, f.Key)
		if err != nil {
			t.Fatal(err)
		}
		if one.Modality != mods[f.Key] || one.Modality == "" {
			t.Errorf("Fact %s modality = %q, want %q", f.Key, one.Modality, mods[f.Key])
		}
	}
	conflicts, err := db.FindFacts(ctx, FactQuery{ConflictsOnly: true})
	if err != nil || len(conflicts) != 0 {
		t.Errorf("conflicting facts = %v, %v; want none", conflicts, err)
	}
}

func TestUndatedPeriodUsesPublishedQuarter(t *testing.T) {
	db := openTest(t)
	c := runRate("AWS", 15e9, "AWS is at $15 billion.")
	c.Period = ""
	d1, cs1 := article("https://a.example/1", "2024-05-02", "old", c)
	c.Value = 30e9
	d2, cs2 := article("https://b.example/1", "2025-11-02", "new", c)
	mustSave(t, db, d1, cs1)
	mustSave(t, db, d2, cs2)
	fs, err := db.Facts(context.Background(), claim.Filter{Subject: "AWS"})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].Period != "2025-Q4" || fs[1].Period != "2024-Q2" {
		t.Errorf("facts = %+v; want two, for 2025-Q4 and 2024-Q2", fs)
	}
}

// checkFactsMatchClaims recomputes every fact from its current claims as
// stored and compares it with the facts table: a batch computes most facts in
// memory from the claims it just inserted, and must agree with the database.
func checkFactsMatchClaims(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	stored := map[string]claim.Fact{}
	rows, err := db.w.QueryContext(ctx, "SELECT "+factCols+" FROM facts")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		f, err := scanFact(rows)
		if err != nil {
			t.Fatal(err)
		}
		stored[f.Key] = f
	}
	rows.Close()
	var keys []string
	rows, err = db.w.QueryContext(ctx, "SELECT DISTINCT fact_key FROM claims WHERE superseded_at IS NULL")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	rows.Close()
	if len(keys) != len(stored) {
		t.Errorf("%d facts stored, %d fact keys among current claims", len(stored), len(keys))
	}
	for _, k := range keys {
		cs, err := currentFactClaims(ctx, db.w, k)
		if err != nil {
			t.Fatal(err)
		}
		want := describeFact(k, cs)
		got, ok := stored[k]
		if !ok || !sameFact(got, want) || got.Subject != want.Subject || got.Period != want.Period {
			t.Errorf("fact %s: stored %+v (found %v), its claims make %+v", k, got, ok, want)
		}
	}
}

// TestBatchFactsMatchTheirClaims saves batches that mix new facts, facts
// gaining claims, syndicated copies, conflicts, ranges and a document whose
// second version comes in the same batch, and checks every fact against a
// recomputation from the stored claims.
func TestBatchFactsMatchTheirClaims(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	const story = "AWS's AI business has reached a $15 billion annual revenue run rate."
	ranged := runRate("AWS", 14e9, "The AI business runs at $14 billion to $16 billion.")
	ranged.ValueMax = new(16e9)
	about := runRate("Amazon Web Services", 15.6e9, "About $15.6 billion a year, the AI business.")
	about.Qualifier = claim.Approx
	type page struct {
		url, text string
		cs        []claim.Claim
	}
	save := func(pages ...page) []claim.SaveResult {
		t.Helper()
		var batch []Batch
		for _, p := range pages {
			doc, cs := article(p.url, "2025-10-30", p.text, p.cs...)
			batch = append(batch, Batch{Doc: doc, Claims: cs})
		}
		res, err := db.SaveDocuments(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		checkFactsMatchClaims(t, db)
		return res
	}
	// a stored percent fact that gains a claim: agreement within a point
	margin := func(v float64, quote string) claim.Claim {
		return claim.Claim{Subject: "Nvidia", Metric: claim.Margin, Value: v, Unit: claim.Percent, Period: "2025-Q2", Quote: quote}
	}
	nvidia := func(v float64, quote string) claim.Claim {
		return claim.Claim{Subject: "Nvidia", Metric: claim.Revenue, Value: v, Unit: claim.USD, Period: "2025-Q2", Quote: quote}
	}
	// New facts only: computed from the claims the batch inserts.
	res := save(page{"https://www.geekwire.com/aws-ai", story, []claim.Claim{runRate("AWS", 15e9, "")}},
		page{"https://news.yahoo.com/aws-copy", story, []claim.Claim{runRate("AWS", 15e9, "")}}, // syndicated
		page{"https://www.cnbc.com/aws", "CNBC puts it at $20 billion.", []claim.Claim{runRate("AWS", 20e9, "")}},
		page{"https://www.ft.com/aws", "A range.", []claim.Claim{ranged, about}},
		page{"https://www.reuters.com/nv", "Nvidia sold.", []claim.Claim{nvidia(30e9, "Nvidia sold $30 billion."),
			margin(30, "Its margin was 30%.")}})
	var changes int
	for _, r := range res {
		changes += len(r.Facts)
	}
	if changes != 3 {
		t.Errorf("first batch reported %d fact changes, want 3 (AWS, Nvidia's revenue and margin)", changes)
	}
	if f := onlyFact(t, db); f.Claims != 5 || f.Sources != 3 || f.Corroboration != 2 || !f.Conflict || f.Value != 15e9 {
		t.Errorf("AWS fact after the first batch: %+v, want $15 billion from 5 claims of 3 sources (one a syndicated pair), 2 agreeing, in conflict", f)
	}
	// Stored facts gain claims, one is superseded, a document comes in two
	// versions and new facts start beside them.
	meta := claim.Claim{Subject: "Meta", Metric: claim.Capex, Value: 70e9, Unit: claim.USD, Period: "2025",
		Quote: "Meta will spend $70 billion."}
	const second = "Second version: $21 billion."
	save(page{"https://www.wsj.com/aws", "First version: $15 billion.", []claim.Claim{runRate("AWS", 15e9, ""), meta}},
		page{"https://www.wsj.com/aws", second, []claim.Claim{runRate("AWS", 21e9, ""), meta}},
		// a copy of the second version: one source with it for the Meta fact
		page{"https://news.yahoo.com/wsj-copy", second, []claim.Claim{meta}},
		page{"https://www.cnbc.com/aws", "CNBC corrects: $15 billion.", []claim.Claim{runRate("AWS", 15e9, "")}},
		page{"https://www.bloomberg.com/aws", "Bloomberg.", []claim.Claim{runRate("AWS", 15.1e9, ""),
			nvidia(30.2e9, "Nvidia: $30.2 billion."), margin(30.8, "A 30.8% margin."),
			{Subject: "TSMC", Metric: claim.Revenue, Value: 9e9, Unit: claim.USD, Period: "2025-Q3", Quote: "TSMC: $9 billion."}}})
	if n := count(t, db, "SELECT count(*) FROM facts"); n != 5 {
		t.Errorf("%d facts, want 5 (AWS, Nvidia's revenue and margin, TSMC, Meta)", n)
	}
	if f := onlyFact(t, db); f.Claims != 7 || f.Sources != 5 || f.Corroboration != 4 {
		t.Errorf("AWS fact after the second batch: %+v, want 7 current claims of 5 sources, 4 agreeing", f)
	}
}

// judgeByEveryClaim is the plain vote judge must agree with: every claim is
// a candidate, counted by the independent sources that agree with its value.
func judgeByEveryClaim(cs []factClaim) (value float64, corroboration int) {
	group, _ := independentSources(cs)
	best, bestN := -1, -1
	for i, cand := range cs {
		seen := map[int]bool{}
		for j, c := range cs {
			if agrees(cand.value, c) {
				seen[group[j]] = true
			}
		}
		if len(seen) > bestN || (len(seen) == bestN && later(cand, cs[best])) {
			best, bestN = i, len(seen)
		}
	}
	return cs[best].value, bestN
}

func TestJudgeMatchesPlainVote(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	values := []float64{15e9, 15.2e9, 16e9, 20e9, 21e9}
	for trial := range 2000 {
		cs := make([]factClaim, 1+rng.IntN(9))
		for i := range cs {
			cs[i] = factClaim{value: values[rng.IntN(len(values))], unit: "USD", seq: int64(i + 1),
				published: fmt.Sprintf("2025-10-%02d", 1+rng.IntN(3)),
				host:      fmt.Sprintf("h%d", rng.IntN(4)), hash: fmt.Sprintf("x%d", rng.IntN(6))}
			if rng.IntN(4) == 0 {
				cs[i].qualifier = string(claim.Approx)
			}
		}
		v := judge(cs)
		wantValue, wantN := judgeByEveryClaim(cs)
		if v.value != wantValue || v.corroboration != wantN {
			t.Fatalf("trial %d: judge(%+v) = value %g corroboration %d, plain vote %g %d",
				trial, cs, v.value, v.corroboration, wantValue, wantN)
		}
	}
}
