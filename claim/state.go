package claim

import "time"

// Fact groups the claims about one thing: the same subject (after alias
// resolution), metric, segment, period, basis, unit and modality, and the same
// counterparty (after alias resolution) when the claims name one: two
// investors' deals with one company are two facts. Its corroboration counts the
// independent sources (distinct publishers; syndicated copies once, by content
// hash) that agree within tolerance; Conflict is set when some disagree beyond it.
type Fact struct {
	Key           string   `json:"key"`
	Subject       string   `json:"subject"`
	Metric        Metric   `json:"metric"`
	Segment       string   `json:"segment,omitempty"`
	Period        string   `json:"period,omitempty"`
	Basis         string   `json:"basis,omitempty"`
	Unit          string   `json:"unit"`
	Modality      Modality `json:"modality,omitempty"`
	Counterparty  string   `json:"counterparty,omitempty"` // the other party of the deal; "" when the claims name none
	Value         float64  `json:"value"`                  // the value most sources agree on
	Claims        int      `json:"claims"`
	Sources       int      `json:"sources"`
	Corroboration int      `json:"corroboration"`
	Conflict      bool     `json:"conflict"`
	Agreeing      []Claim  `json:"agreeing,omitempty"`
	Conflicting   []Claim  `json:"conflicting,omitempty"`
}

// FactChange is a fact before and after a write moved it (a new value, a new
// conflict, a corroboration change). Before is nil for a new fact.
type FactChange struct {
	Before *Fact `json:"before,omitempty"`
	After  Fact  `json:"after"`
}

// SaveResult says what writing one document did.
type SaveResult struct {
	DocumentNew bool         `json:"document_new"` // false: same canonical URL and content hash as before
	New         []Claim      `json:"-"`            // claims written for the first time
	Duplicate   int          `json:"duplicate"`    // claims already stored
	Superseded  int          `json:"superseded"`   // old claims of a changed document
	Facts       []FactChange `json:"-"`            // facts this write moved
}

// TimelinePoint is one claim of a subject's metric, in published order.
type TimelinePoint struct {
	Published string `json:"published"`
	Claim     Claim  `json:"claim"`
}

// SourceState is the crawl state of one configured source.
type SourceState struct {
	Name       string    `json:"name"`
	Kind       string    `json:"kind"`
	LastCheck  time.Time `json:"last_check,omitzero"`
	NextCheck  time.Time `json:"next_check,omitzero"`
	Status     string    `json:"status"` // ok, error, never
	ErrorCount int       `json:"error_count"`
	LastError  string    `json:"last_error,omitempty"`
	Documents  int       `json:"documents"`
	Claims     int       `json:"claims"`
}

// URLState is what the crawler remembers of one URL for conditional GET.
type URLState struct {
	URL          string    `json:"url"`
	Source       string    `json:"source,omitempty"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	ContentHash  string    `json:"content_hash,omitempty"`
	LastStatus   int       `json:"last_status"`
	Errors       int       `json:"errors"`
	FetchedAt    time.Time `json:"fetched_at,omitzero"`
	NextCheck    time.Time `json:"next_check,omitzero"`
}
