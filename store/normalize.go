package store

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/claimwire/claimwire/claim"
)

// publisher returns who published a document, the unit of independence for
// corroboration: the URL's host without "www.", else the attribution the reader
// found (a local file has no host), else the document URL itself.
func publisher(rawURL, attribution string) string {
	if u, err := url.Parse(rawURL); err == nil && u.Host != "" {
		return normalizeHost(u.Hostname())
	}
	if a := strings.ToLower(strings.TrimSpace(attribution)); a != "" {
		return a
	}
	return rawURL
}

// normalizeHost lowercases a host and drops a leading "www.".
func normalizeHost(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.TrimPrefix(h, "www.")
}

// sourceHost turns what a user typed for --source (a host or URL) into a host.
func sourceHost(s string) string {
	if strings.Contains(s, "://") {
		if u, err := url.Parse(s); err == nil {
			s = u.Hostname()
		}
	}
	return normalizeHost(strings.TrimSuffix(s, "/"))
}

// publishedDay returns the YYYY-MM-DD date of an RFC 3339 or YYYY-MM-DD
// timestamp, or "" when it is neither.
func publishedDay(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, s[:10]); err != nil {
		return ""
	}
	return s[:10]
}

// quarterOf returns the calendar quarter (2026-Q1) of a YYYY-MM-DD date.
func quarterOf(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return ""
	}
	return t.Format("2006") + "-Q" + string(rune('1'+(int(t.Month())-1)/3))
}

// foldSpace lowercases s and collapses its runs of space.
func foldSpace(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// aliasKey is how an alias is looked up: case and spacing do not matter.
func aliasKey(s string) string { return foldSpace(s) }

// factPeriod is the period a claim's fact is keyed by: its own period, else
// the calendar quarter it was published in, so that undated figures from
// different years ("a $15 billion run rate") do not count as conflicting.
func factPeriod(period, publishedDay string) string {
	if period != "" {
		return period
	}
	return quarterOf(publishedDay)
}

// factKey is the identity of the fact a claim belongs to: canonical subject,
// metric, segment (folded), period, basis, unit and modality, and the
// canonical counterparty (folded) when the claim names one. Unit and modality
// are part of it because a dollar figure cannot corroborate a percentage and a
// forecast does not contradict the actual figure; the counterparty because
// Microsoft's and Nvidia's investments in Anthropic are two deals, not two
// reports of one. The counterparty is appended only when there is one, so the
// key of a claim without one is what it was before counterparties counted
// (migration 0009 re-keys only the claims that name one).
func factKey(canonical, counterparty string, c claim.Claim, period string) string {
	parts := []string{foldSpace(canonical), string(c.Metric), foldSpace(c.Segment), period,
		strings.ToLower(c.Basis), c.Unit, string(c.Modality)}
	if cp := foldSpace(counterparty); cp != "" {
		parts = append(parts, cp)
	}
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x1f")))
	return hex.EncodeToString(sum[:8])
}
