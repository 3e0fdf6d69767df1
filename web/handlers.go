package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/claimwire/claimwire/claim"
)

// claimView is a claim as the API sends it: the schema's fields plus the value
// formatted for people, so the page never re-implements claim.FormatValue.
type claimView struct {
	claim.Claim
	Display string `json:"display"`
}

func viewOf(c claim.Claim) claimView { return claimView{Claim: c, Display: claim.FormatValue(c)} }

func viewsOf(cs []claim.Claim) []claimView {
	out := make([]claimView, len(cs))
	for i, c := range cs {
		out[i] = viewOf(c)
	}
	return out
}

// factView is a fact with its value and claims formatted.
type factView struct {
	claim.Fact
	Display     string      `json:"display"`
	Agreeing    []claimView `json:"agreeing"`
	Conflicting []claimView `json:"conflicting"`
}

func factViewOf(f claim.Fact) factView {
	return factView{
		Fact:        f,
		Display:     claim.FormatValue(claim.Claim{Value: f.Value, Unit: f.Unit}),
		Agreeing:    viewsOf(f.Agreeing),
		Conflicting: viewsOf(f.Conflicting),
	}
}

func (s *server) handleClaims(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	if err := s.listings.enter(r.Context()); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	claims, next, err := s.store.FindClaims(r.Context(), f)
	if err != nil || wantsCSV(r) {
		s.listings.leave()
		if err != nil {
			writeError(w, r, s.log, unavailable(err))
		} else {
			writeCSV(w, r, claims, next)
		}
		return
	}
	// The JSON is built inside the turn too (not the write, which waits on
	// the client): what is left of the request after the turn is short.
	bp := bufPool.Get().(*[]byte)
	body := appendClaimsPage((*bp)[:0], claims, next)
	s.listings.leave()
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
	if cap(body) <= maxPooledBuf {
		*bp = body
		bufPool.Put(bp)
	}
}

// claimDetail is everything the claim view shows about one claim.
type claimDetail struct {
	Claim    claimView `json:"claim"`
	Document struct {
		Title     string `json:"title,omitempty"`
		URL       string `json:"url"`
		Published string `json:"published,omitempty"`
		Kind      string `json:"kind,omitempty"`
		Form      string `json:"form,omitempty"`
	} `json:"document"`
	// The quote split around the figure on the server, where the span's byte
	// offsets mean what they say (JavaScript strings count UTF-16 units).
	QuoteBefore  string      `json:"quote_before"`
	Figure       string      `json:"figure"`
	QuoteAfter   string      `json:"quote_after"`
	SameDocument []claimView `json:"same_document"`
	Fact         *factView   `json:"fact,omitempty"`
}

func (s *server) handleClaim(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.store.Claim(ctx, r.PathValue("id"))
	if err != nil {
		writeError(w, r, s.log, unavailable(err))
		return
	}
	var d claimDetail
	d.Claim = viewOf(c)
	d.QuoteBefore, d.Figure, d.QuoteAfter = splitQuote(c.Quote, c.Span)
	src := c.Source
	if doc, err := s.store.Document(ctx, c.Source.URL); err == nil {
		src = doc.Source
	} else if !isNotFound(err) {
		writeError(w, r, s.log, unavailable(err))
		return
	}
	d.Document.Title, d.Document.URL, d.Document.Published = src.Title, src.URL, src.Published
	d.Document.Kind, d.Document.Form = src.Kind, src.Form
	siblings, err := s.store.DocumentClaims(ctx, c.Source.URL)
	if err != nil && !isNotFound(err) {
		writeError(w, r, s.log, unavailable(err))
		return
	}
	d.SameDocument = []claimView{}
	for _, o := range siblings {
		if o.ID != c.ID {
			d.SameDocument = append(d.SameDocument, viewOf(o))
		}
	}
	if d.Fact, err = s.factOf(r, c); err != nil {
		writeError(w, r, s.log, unavailable(err))
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// factOf finds the fact c belongs to. Fact lists come without their claims,
// so the candidates (same subject, metric, segment and basis) are opened one
// by one until one lists c; there are rarely more than a few. Nil when none.
func (s *server) factOf(r *http.Request, c claim.Claim) (*factView, error) {
	ctx := r.Context()
	facts, err := s.store.Facts(ctx, claim.Filter{Subject: c.Subject, Metric: c.Metric, Segment: c.Segment, Limit: maxLimit})
	if err != nil {
		if isNotFound(err) {
			return nil, nil
		}
		return nil, err
	}
	for _, f := range facts {
		if !strings.EqualFold(f.Segment, c.Segment) || f.Basis != c.Basis {
			continue
		}
		full, err := s.store.Fact(ctx, f.Key)
		if isNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if containsClaim(full.Agreeing, c.ID) || containsClaim(full.Conflicting, c.ID) {
			v := factViewOf(full)
			return &v, nil
		}
	}
	return nil, nil
}

func containsClaim(cs []claim.Claim, id string) bool {
	for _, c := range cs {
		if c.ID == id {
			return true
		}
	}
	return false
}

// splitQuote cuts quote around the byte span; a span that is out of range or
// falls inside a UTF-8 sequence highlights nothing rather than garbling text.
func splitQuote(quote string, span [2]int) (before, figure, after string) {
	a, b := span[0], span[1]
	if a < 0 || b > len(quote) || a >= b ||
		(a < len(quote) && !utf8.RuneStart(quote[a])) || (b < len(quote) && !utf8.RuneStart(quote[b])) {
		return quote, "", ""
	}
	return quote[:a], quote[a:b], quote[b:]
}

func (s *server) handleFacts(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query())
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	facts, err := s.store.Facts(r.Context(), f)
	if err != nil {
		writeError(w, r, s.log, unavailable(err))
		return
	}
	out := make([]factView, len(facts))
	for i, f := range facts {
		out[i] = factViewOf(f)
	}
	writeJSON(w, http.StatusOK, struct {
		Facts []factView `json:"facts"`
	}{out})
}

func (s *server) handleFact(w http.ResponseWriter, r *http.Request) {
	f, err := s.store.Fact(r.Context(), r.PathValue("key"))
	if err != nil {
		writeError(w, r, s.log, unavailable(err))
		return
	}
	writeJSON(w, http.StatusOK, factViewOf(f))
}

// timelinePoint is one point of the chart: a claim, and whether it disagrees
// with the value most sources give for its fact.
type timelinePoint struct {
	Published string    `json:"published"`
	Claim     claimView `json:"claim"`
	Conflict  bool      `json:"conflict"`
}

func (s *server) handleTimeline(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	subject, metric := strings.TrimSpace(q.Get("subject")), claim.Metric(q.Get("metric"))
	switch {
	case subject == "" || len(subject) > maxParamLen:
		writeError(w, r, s.log, badRequest("subject is required"))
		return
	case !metric.Valid():
		writeError(w, r, s.log, badRequest("metric %q is not in the vocabulary", metric))
		return
	}
	points, err := s.store.Timeline(r.Context(), subject, metric)
	if err != nil {
		writeError(w, r, s.log, unavailable(err))
		return
	}
	conflicting, err := s.conflictingClaims(r, subject, metric)
	if err != nil {
		writeError(w, r, s.log, unavailable(err))
		return
	}
	out := make([]timelinePoint, len(points))
	for i, p := range points {
		out[i] = timelinePoint{Published: p.Published, Claim: viewOf(p.Claim), Conflict: conflicting[p.Claim.ID]}
	}
	writeJSON(w, http.StatusOK, struct {
		Subject string          `json:"subject"`
		Metric  claim.Metric    `json:"metric"`
		Points  []timelinePoint `json:"points"`
	}{subject, metric, out})
}

// conflictingClaims returns the ids of the claims that disagree with their
// fact's majority, over the facts of subject and metric that have a conflict.
func (s *server) conflictingClaims(r *http.Request, subject string, metric claim.Metric) (map[string]bool, error) {
	ctx := r.Context()
	facts, err := s.store.Facts(ctx, claim.Filter{Subject: subject, Metric: metric, Limit: maxLimit})
	if err != nil && !isNotFound(err) {
		return nil, err
	}
	ids := map[string]bool{}
	for _, f := range facts {
		if !f.Conflict {
			continue
		}
		full, err := s.store.Fact(ctx, f.Key)
		if isNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, c := range full.Conflicting {
			ids[c.ID] = true
		}
	}
	return ids, nil
}

func (s *server) handleSubjects(w http.ResponseWriter, r *http.Request) {
	subjects, err := s.store.Subjects(r.Context())
	if err != nil {
		writeError(w, r, s.log, unavailable(err))
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Subjects []SubjectCount `json:"subjects"`
	}{nonNil(subjects)})
}

func (s *server) handleMetrics(w http.ResponseWriter, r *http.Request) {
	metrics, err := s.store.MetricCounts(r.Context())
	if err != nil {
		writeError(w, r, s.log, unavailable(err))
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Metrics []MetricCount `json:"metrics"`
	}{nonNil(metrics)})
}

func (s *server) handleSources(w http.ResponseWriter, r *http.Request) {
	sources, err := s.store.SourceStates(r.Context())
	if err != nil {
		writeError(w, r, s.log, unavailable(err))
		return
	}
	writeJSON(w, http.StatusOK, struct {
		Sources []claim.SourceState `json:"sources"`
	}{nonNil(sources)})
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
