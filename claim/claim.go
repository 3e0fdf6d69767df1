// Package claim holds Claimwire's domain vocabulary: the Claim a source asserts,
// the Source it comes from, the Document it was read from, the Filter that queries
// them and the errors shared by every layer. It imports nothing of the project, so
// every package can use it; field names follow shared/claim-schema.md exactly.
package claim

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"time"
)

// Metric names what a figure measures; the vocabulary is fixed by the schema.
type Metric string

// The metric vocabulary.
const (
	Revenue           Metric = "revenue"
	RevenueRunRate    Metric = "revenue_run_rate"
	Growth            Metric = "growth"
	NetIncome         Metric = "net_income"
	OperatingIncome   Metric = "operating_income"
	GrossProfit       Metric = "gross_profit"
	FreeCashFlow      Metric = "free_cash_flow"
	OperatingCashFlow Metric = "operating_cash_flow"
	Margin            Metric = "margin"
	EPS               Metric = "eps"
	Capex             Metric = "capex"
	Backlog           Metric = "backlog"
	Commitment        Metric = "commitment"
	DeployedUnits     Metric = "deployed_units"
	Customers         Metric = "customers"
	Users             Metric = "users"
	Employees         Metric = "employees"
	Capacity          Metric = "capacity"
	MarketShare       Metric = "market_share"
	Valuation         Metric = "valuation"
	Funding           Metric = "funding"
	Utilization       Metric = "utilization"
	Expenses          Metric = "expenses"
	Other             Metric = "other"
)

// Metrics lists the whole vocabulary in schema order.
var Metrics = []Metric{
	Revenue, RevenueRunRate, Growth, NetIncome, OperatingIncome, GrossProfit,
	FreeCashFlow, OperatingCashFlow, Margin, EPS, Capex, Backlog, Commitment,
	DeployedUnits, Customers, Users, Employees, Capacity, MarketShare, Valuation,
	Funding, Utilization, Expenses, Other,
}

// Valid reports whether m is in the vocabulary.
func (m Metric) Valid() bool {
	for _, v := range Metrics {
		if v == m {
			return true
		}
	}
	return false
}

// Qualifier says how the text bounds the figure.
type Qualifier string

// The qualifiers of the schema.
const (
	Exact    Qualifier = "exact"
	Approx   Qualifier = "approx"
	MoreThan Qualifier = "more_than"
	AtLeast  Qualifier = "at_least"
	LessThan Qualifier = "less_than"
	UpTo     Qualifier = "up_to"
	Range    Qualifier = "range"
)

// Modality says whether a figure happened, is expected, or is a goal.
type Modality string

// The modalities of the schema.
const (
	Actual   Modality = "actual"
	Forecast Modality = "forecast"
	Target   Modality = "target"
)

// Units used outside ISO 4217 currency codes.
const (
	USD     = "USD"
	Percent = "percent"
	PP      = "pp"
	Count   = "count"
	Watt    = "W"
	Times   = "x"
)

// Document kinds (Source.Kind).
const (
	KindArticle      = "article"
	KindFiling       = "filing"
	KindFeedItem     = "feed_item"
	KindPressRelease = "press_release"
)

// Source is the document a claim comes from.
type Source struct {
	URL       string `json:"url"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"` // RFC 3339 or YYYY-MM-DD
	Kind      string `json:"kind,omitempty"`
	Form      string `json:"form,omitempty"`
	CIK       string `json:"cik,omitempty"`
	Accession string `json:"accession,omitempty"`
}

// Claim is one figure that a source asserts about a subject.
type Claim struct {
	ID           string    `json:"id"`
	Subject      string    `json:"subject"`
	Segment      string    `json:"segment,omitempty"`
	Metric       Metric    `json:"metric"`
	Value        float64   `json:"value"`
	ValueMax     *float64  `json:"value_max,omitempty"`
	Unit         string    `json:"unit"`
	Item         string    `json:"item,omitempty"`
	Qualifier    Qualifier `json:"qualifier"`
	Period       string    `json:"period,omitempty"`
	Basis        string    `json:"basis,omitempty"`
	Modality     Modality  `json:"modality"`
	Attribution  string    `json:"attribution,omitempty"`
	Counterparty string    `json:"counterparty,omitempty"`
	Quote        string    `json:"quote"`
	Span         [2]int    `json:"span"`
	Source       Source    `json:"source"`
}

// NewID returns the stable identity of a claim: the same source, sentence and
// figure (its span in the sentence) always give the same id, so a re-crawl never
// makes a duplicate. The metric is part of it because one figure can, rarely,
// carry two claims (a table cell read for two periods is two sentences anyway).
func NewID(sourceURL, quote string, span [2]int, metric Metric) string {
	// One buffer hashed at once: the bytes are those of writing each part in
	// turn, so ids made before this shape are unchanged.
	var stack [1024]byte
	b := append(stack[:0], sourceURL...)
	b = append(b, 0)
	b = append(b, quote...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(span[0]), 10)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(span[1]), 10)
	b = append(b, 0)
	b = append(b, metric...)
	sum := sha256.Sum256(b)
	var out [32]byte
	hex.Encode(out[:], sum[:16])
	return string(out[:])
}

// SetID fills c.ID from its source URL, quote, span and metric.
func (c *Claim) SetID() { c.ID = NewID(c.Source.URL, c.Quote, c.Span, c.Metric) }

// Figure returns the figure's own words: the span of the quote.
func (c *Claim) Figure() string {
	if c.Span[0] < 0 || c.Span[1] > len(c.Quote) || c.Span[0] > c.Span[1] {
		return ""
	}
	return c.Quote[c.Span[0]:c.Span[1]]
}

// Document is one fetched or read document: its source metadata and main text.
type Document struct {
	Source
	CanonicalURL string    `json:"canonical_url,omitempty"`
	ContentHash  string    `json:"content_hash,omitempty"` // hex sha256 of Text
	FetchedAt    time.Time `json:"fetched_at,omitzero"`
	Attribution  string    `json:"attribution,omitempty"` // publisher, when known
	Text         string    `json:"-"`
}

// HashText returns the content hash used for Document.ContentHash.
func HashText(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// Filter selects claims; zero fields do not filter.
type Filter struct {
	Subject  string   // any alias of the subject
	Metric   Metric   //
	Segment  string   //
	Since    string   // published on or after, YYYY-MM-DD
	Until    string   // published on or before, YYYY-MM-DD
	Min      *float64 // value at least
	Max      *float64 // value at most
	Source   string   // host of the source URL
	Search   string   // full-text query over quotes and titles
	Modality Modality //
	Limit    int      // 0 means the store's default
	Cursor   string   // opaque, from a previous page
}

// Errors shared by every layer; wrap them with %w.
var (
	ErrNotFound = errors.New("not found")
	ErrInvalid  = errors.New("invalid input")
	ErrTooLarge = errors.New("input too large")
	ErrBinary   = errors.New("input is binary, not text or HTML")
)
