package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
)

// TestSubjectListingUsesIndex holds the plan of the page's most common query,
// one subject's claims newest first: an index gives the order, no sort.
func TestSubjectListingUsesIndex(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	where, args, err := db.conditions(ctx, Query{Filter: claim.Filter{Subject: "AWS"}})
	if err != nil {
		t.Fatal(err)
	}
	query := "EXPLAIN QUERY PLAN SELECT " + claimCols + " FROM claims c JOIN documents d ON d.id = c.doc_id WHERE " +
		strings.Join(where, " AND ") + " ORDER BY c.published DESC, c.seq DESC LIMIT 50"
	rows, err := db.r.QueryContext(ctx, query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(plan, "\n")
	if strings.Contains(got, "TEMP B-TREE") || !strings.Contains(got, "claims_subject_published") {
		t.Fatalf("subject listing plan:\n%s\nwant claims_subject_published and no temporary sort", got)
	}
}
