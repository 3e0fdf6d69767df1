package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
)

// TestListingsUseIndex holds the plans of the page's and the API's most
// common queries: one subject's claims newest first, and one subject's metric
// over a date range. An index gives the order (no sort), and the subject's
// alias lookup inside the query is an index search, done once.
func TestListingsUseIndex(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tests := []struct {
		f    claim.Filter
		want string
	}{
		{claim.Filter{Subject: "AWS"}, "claims_subject (canonical=?)"},
		{claim.Filter{Subject: "Amazon Web Services", Metric: claim.Revenue, Since: "2025-01-01", Until: "2025-06-30"},
			"claims_subject (canonical=? AND published>? AND published<?)"},
	}
	for _, tt := range tests {
		got := queryPlan(t, db, tt.f)
		if strings.Contains(got, "TEMP B-TREE") || !strings.Contains(got, tt.want) ||
			!strings.Contains(got, "SEARCH aliases USING INDEX") || strings.Contains(got, "CORRELATED") {
			t.Errorf("plan of %+v:\n%s\nwant %s, an alias index search and no temporary sort", tt.f, got, tt.want)
		}
	}
}

func queryPlan(t *testing.T, db *DB, f claim.Filter) string {
	t.Helper()
	ctx := context.Background()
	where, args, err := db.conditions(ctx, db.r, Query{Filter: f})
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
	return strings.Join(plan, "\n")
}
