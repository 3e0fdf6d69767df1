package xbrl

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// xcontext is one xbrli:context: its period and its dimension members.
type xcontext struct {
	id         string
	start, end time.Time // end only, for an instant
	instant    bool
	members    []member
	typed      bool // a typedMember: a dimension we cannot name
}

type member struct{ axis, value string }

func parseContext(n *html.Node) *xcontext {
	c := &xcontext{id: attr(n, "id")}
	var start, end, instant string
	for d := range n.Descendants() {
		if d.Type != html.ElementNode {
			continue
		}
		switch _, local := splitName(d.Data); local {
		case "startdate":
			start = text(d)
		case "enddate":
			end = text(d)
		case "instant":
			instant = text(d)
		case "explicitmember":
			c.members = append(c.members, member{axis: attr(d, "dimension"), value: text(d)})
		case "typedmember":
			c.typed = true
		}
	}
	var err1, err2 error
	if instant != "" {
		c.instant = true
		c.end, err1 = parseDate(instant)
	} else {
		c.start, err1 = parseDate(start)
		c.end, err2 = parseDate(end)
	}
	if err1 != nil || err2 != nil || (!c.instant && !c.end.After(c.start)) {
		c.id = "" // a context we cannot date is no context
	}
	return c
}

func parseDate(s string) (time.Time, error) {
	if len(s) > 10 { // 2025-03-29T00:00:00 is allowed by the schema
		s = s[:10]
	}
	return time.Parse(time.DateOnly, s)
}

// parseUnit returns the claim unit of an xbrli:unit: "USD" (any iso4217
// code), "USD/share", "count" for shares, "" for anything else (pure
// numbers, custom units).
func parseUnit(n *html.Node) string {
	var measures, num, den []string
	for d := range n.Descendants() {
		if d.Type != html.ElementNode {
			continue
		}
		if _, local := splitName(d.Data); local != "measure" {
			continue
		}
		m := text(d)
		measures = append(measures, m)
		for p := d.Parent; p != nil && p != n; p = p.Parent {
			switch _, local := splitName(p.Data); local {
			case "unitnumerator":
				num = append(num, m)
			case "unitdenominator":
				den = append(den, m)
			}
		}
	}
	switch {
	case len(num) == 1 && len(den) == 1:
		cur, ok := currency(num[0])
		if _, local := splitName(den[0]); ok && strings.EqualFold(local, "shares") {
			return cur + "/share"
		}
	case len(measures) == 1:
		if cur, ok := currency(measures[0]); ok {
			return cur
		}
		if _, local := splitName(measures[0]); strings.EqualFold(local, "shares") {
			return "count"
		}
	}
	return ""
}

func currency(measure string) (string, bool) {
	prefix, code := splitName(measure)
	if strings.EqualFold(prefix, "iso4217") && len(code) == 3 {
		return strings.ToUpper(code), true
	}
	return "", false
}

// periods labels contexts relative to the document's own fiscal period.
type periods struct {
	fiscalYear int       // dei:DocumentFiscalYearFocus, 0 when unknown
	quarter    int       // the document's fiscal quarter, 1-4 (FY → 4), 0 when unknown
	end        time.Time // the document's period end
}

func newPeriods(f *filing) periods {
	var p periods
	fy, err := strconv.Atoi(strings.TrimSpace(f.dei["dei:DocumentFiscalYearFocus"].value))
	focus := f.dei["dei:DocumentFiscalPeriodFocus"]
	q := map[string]int{"Q1": 1, "Q2": 2, "H1": 2, "Q3": 3, "M9": 3, "Q4": 4, "H2": 4, "FY": 4}[strings.ToUpper(strings.TrimSpace(focus.value))]
	c, ok := f.contexts[focus.contextRef]
	if err != nil || fy < 1900 || fy > 2200 || q == 0 || !ok {
		return p
	}
	return periods{fiscalYear: fy, quarter: q, end: c.end}
}

// quarterDays is the mean length of a quarter.
const quarterDays = 365.2425 / 4

// label returns the claim period of a context, or false when the context's
// length is none we label (a one-month stub, a two-year span).
func (p periods) label(c *xcontext) (string, bool) {
	months := 0
	if !c.instant {
		months = durationMonths(c.end.Sub(c.start).Hours() / 24)
		if months == 0 {
			return "", false
		}
	}
	if p.fiscalYear == 0 {
		return calendarLabel(c, months)
	}
	back := p.end.Sub(c.end).Hours() / 24 / quarterDays
	n := int(math.Round(back))
	if n < 0 || math.Abs(back-float64(n))*quarterDays > 14 {
		return calendarLabel(c, months)
	}
	q, y := p.quarter-n, p.fiscalYear
	for q <= 0 {
		q += 4
		y--
	}
	switch {
	case months == 0 || months == 3:
		return fmt.Sprintf("FY%d-Q%d", y, q), true
	case months == 6 && q == 2:
		return fmt.Sprintf("FY%d-H1", y), true
	case months == 6 && q == 4:
		return fmt.Sprintf("FY%d-H2", y), true
	case months == 9 && q == 3:
		return fmt.Sprintf("FY%d-9M", y), true
	case months == 12 && q == 4:
		return fmt.Sprintf("FY%d", y), true
	}
	return "", false
}

// durationMonths classifies a length in days as 3, 6, 9 or 12 months (52/53
// week calendars make quarters of 13 or 14 weeks), or 0.
func durationMonths(days float64) int {
	switch {
	case days >= 75 && days <= 105:
		return 3
	case days >= 165 && days <= 200:
		return 6
	case days >= 255 && days <= 290:
		return 9
	case days >= 340 && days <= 380:
		return 12
	}
	return 0
}

// calendarLabel names a period without the filing's fiscal calendar: a
// quarter by the calendar quarter of its midpoint (an instant by the quarter
// it closes), twelve months by the year they mostly fall in; year-to-date
// spans need the fiscal year and are not labelled.
func calendarLabel(c *xcontext, months int) (string, bool) {
	switch months {
	case 0:
		d := c.end.AddDate(0, 0, -7)
		return fmt.Sprintf("%d-Q%d", d.Year(), (int(d.Month())+2)/3), true
	case 3:
		mid := c.start.Add(c.end.Sub(c.start) / 2)
		return fmt.Sprintf("%d-Q%d", mid.Year(), (int(mid.Month())+2)/3), true
	case 12:
		return fmt.Sprintf("FY%d", c.end.AddDate(0, 0, -7).Year()), true
	}
	return "", false
}
