package web

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimwire/claimwire/claim"
)

// Limits of the claims query.
const (
	defaultLimit = 50
	maxLimit     = 1000
	maxParamLen  = 200 // one filter value; the whole query string has its own cap
)

// filterParams are the query parameters parseFilter understands; anything else
// is a 400, so a typo ("subjet=") does not silently return everything.
var filterParams = map[string]bool{
	"subject": true, "metric": true, "segment": true, "since": true, "until": true,
	"min": true, "max": true, "source": true, "q": true, "modality": true,
	"limit": true, "cursor": true, "format": true,
}

// parseFilter reads a claim.Filter from the query string of /api/claims (and
// the same subset for /api/facts and /api/events). Every value is checked
// here, so the store only sees well-formed filters.
func parseFilter(q url.Values) (claim.Filter, error) {
	var f claim.Filter
	for k, vs := range q {
		if !filterParams[k] {
			return f, badRequest("unknown parameter %q", k)
		}
		if len(vs) > 1 {
			return f, badRequest("parameter %q given %d times", k, len(vs))
		}
		if len(vs[0]) > maxParamLen || !utf8.ValidString(vs[0]) {
			return f, badRequest("parameter %q is too long or not UTF-8", k)
		}
	}
	f.Subject = strings.TrimSpace(q.Get("subject"))
	f.Segment = strings.TrimSpace(q.Get("segment"))
	f.Source = strings.ToLower(strings.TrimSpace(q.Get("source")))
	f.Search = strings.TrimSpace(q.Get("q"))
	f.Cursor = q.Get("cursor")
	if m := q.Get("metric"); m != "" {
		if !claim.Metric(m).Valid() {
			return f, badRequest("metric %q is not in the vocabulary", m)
		}
		f.Metric = claim.Metric(m)
	}
	if m := q.Get("modality"); m != "" {
		switch claim.Modality(m) {
		case claim.Actual, claim.Forecast, claim.Target:
			f.Modality = claim.Modality(m)
		default:
			return f, badRequest("modality %q: want actual, forecast or target", m)
		}
	}
	var err error
	if f.Since, err = parseDate(q, "since"); err != nil {
		return f, err
	}
	if f.Until, err = parseDate(q, "until"); err != nil {
		return f, err
	}
	if f.Since != "" && f.Until != "" && f.Since > f.Until {
		return f, badRequest("since %s is after until %s", f.Since, f.Until)
	}
	if f.Min, err = parseAmount(q, "min"); err != nil {
		return f, err
	}
	if f.Max, err = parseAmount(q, "max"); err != nil {
		return f, err
	}
	if f.Min != nil && f.Max != nil && *f.Min > *f.Max {
		return f, badRequest("min is greater than max")
	}
	f.Limit, err = parseLimit(q.Get("limit"))
	return f, err
}

func parseDate(q url.Values, key string) (string, error) {
	v := q.Get(key)
	if v == "" {
		return "", nil
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		return "", badRequest("%s %q: want a date as YYYY-MM-DD", key, v)
	}
	return v, nil
}

// parseAmount accepts a plain number or one with a K, M, B or T suffix
// ("15B" = 15e9), the way analysts write figures.
func parseAmount(q url.Values, key string) (*float64, error) {
	v := strings.TrimSpace(q.Get(key))
	if v == "" {
		return nil, nil
	}
	mult := 1.0
	if n := len(v); n > 1 {
		switch v[n-1] {
		case 'k', 'K':
			mult = 1e3
		case 'm', 'M':
			mult = 1e6
		case 'b', 'B':
			mult = 1e9
		case 't', 'T':
			mult = 1e12
		}
		if mult != 1 {
			v = v[:n-1]
		}
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || x != x || x > 1e300 || x < -1e300 {
		return nil, badRequest("%s %q: want a number such as 15000000000 or 15B", key, q.Get(key))
	}
	x *= mult
	return &x, nil
}

func parseLimit(v string) (int, error) {
	if v == "" {
		return defaultLimit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxLimit {
		return 0, badRequest("limit %q: want a whole number from 1 to %d", v, maxLimit)
	}
	return n, nil
}

// matcher decides whether an event's claim passes a filter, for claims that
// did not come from a query, mirroring the store's query: subject matches any
// known name of the subject; segment is a substring without case; q needs
// every word somewhere in the quote or title; source is the URL's host
// (without "www.") or a parent domain of it.
type matcher struct {
	f        claim.Filter
	subjects map[string]bool // lowercased names of f.Subject, aliases included
}

func newMatcher(f claim.Filter, known []SubjectCount) matcher {
	m := matcher{f: f}
	if f.Subject == "" {
		return m
	}
	m.subjects = map[string]bool{strings.ToLower(f.Subject): true}
	for _, s := range known {
		names := append([]string{s.Subject}, s.Aliases...)
		for _, n := range names {
			if strings.EqualFold(n, f.Subject) {
				for _, n := range names {
					m.subjects[strings.ToLower(n)] = true
				}
				break
			}
		}
	}
	return m
}

func (m matcher) matches(c claim.Claim) bool {
	f := m.f
	switch {
	case f.Subject != "" && !m.subjects[strings.ToLower(c.Subject)]:
		return false
	case f.Metric != "" && f.Metric != c.Metric:
		return false
	case f.Segment != "" && !strings.Contains(strings.ToLower(c.Segment), strings.ToLower(f.Segment)):
		return false
	case f.Modality != "" && f.Modality != c.Modality:
		return false
	case f.Min != nil && c.Value < *f.Min:
		return false
	case f.Max != nil && c.Value > *f.Max:
		return false
	}
	day := c.Source.Published
	if len(day) > len(time.DateOnly) {
		day = day[:len(time.DateOnly)]
	}
	if (f.Since != "" && day < f.Since) || (f.Until != "" && day > f.Until) {
		return false
	}
	if want := strings.TrimPrefix(f.Source, "www."); want != "" {
		if h := hostOf(c.Source.URL); h != want && !strings.HasSuffix(h, "."+want) {
			return false
		}
	}
	if f.Search != "" {
		text := strings.ToLower(c.Quote + " " + c.Source.Title)
		for _, w := range strings.Fields(strings.ToLower(f.Search)) {
			if !strings.Contains(text, strings.Trim(w, `"*`)) {
				return false
			}
		}
	}
	return true
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}
