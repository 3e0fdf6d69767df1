package extractors

import (
	"strconv"
	"strings"
)

// periodRef is a time phrase in a sentence, over words [i, j).
type periodRef struct {
	i, j    int
	quarter int  // 1-4, 0 when none
	year    int  // 0 when the text gives none
	fiscal  bool // "fiscal", "FY"
	kind    string
	// kind: "q" a quarter (year may be 0: resolve), "fy" a year, "ttm",
	// "annual", "quarter" (an unnamed quarter), "current" (this quarter),
	// "prior" (the same period a year earlier), "decade", "lastq" (the
	// quarter closed last before the document)
	ended int // month of "three months ended March 31"
}

var ordinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

var months = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
	"nov": 11, "dec": 12}

// fiscalYearThenQuarter reads the fiscal year y named by words [i, j) and
// the quarter that may follow it: "fiscal 2025 first quarter", "FY2025 Q1".
func fiscalYearThenQuarter(ws []word, i, j, y int) periodRef {
	p := periodRef{i: i, j: j, kind: "fy", year: y, fiscal: true}
	if j >= len(ws) {
		return p
	}
	w := ws[j].w
	switch {
	case quarterWord(w) > 0:
		p.kind, p.quarter, p.j = "q", quarterWord(w), j+1
	case ordinals[w] > 0 && j+1 < len(ws) && ws[j+1].w == "quarter":
		p.kind, p.quarter, p.j = "q", ordinals[w], j+2
	}
	return p
}

// quarterWord reads "q1" to "q4" as 1 to 4; anything else is 0.
func quarterWord(w string) int {
	if len(w) == 2 && w[0] == 'q' && w[1] >= '1' && w[1] <= '4' {
		return int(w[1] - '0')
	}
	return 0
}

// findPeriods finds the time phrases of a sentence.
func findPeriods(ws []word) []periodRef { return appendPeriods(nil, ws) }

// appendPeriods is findPeriods into a reused slice.
func appendPeriods(out []periodRef, ws []word) []periodRef {
	for i := 0; i < len(ws); i++ {
		if p, ok := periodAt(ws, i); ok {
			out = append(out, p)
			i = p.j - 1
		}
	}
	return out
}

func periodAt(ws []word, i int) (periodRef, bool) {
	w := ws[i].w
	at := func(k int) string {
		if k < len(ws) {
			return ws[k].w
		}
		return ""
	}
	p := periodRef{i: i}
	switch {
	case quarterWord(w) > 0:
		p.kind, p.quarter, p.j = "q", quarterWord(w), i+1
		if y, ok := yearWord(at(i + 1)); ok {
			p.year, p.j = y, i+2
		}
		if i > 0 && (ws[i-1].w == "fiscal" || ws[i-1].w == "fy") {
			p.fiscal = true
		}
		if fy, ok := fyWord(at(i + 1)); ok {
			p.year, p.fiscal, p.j = fy, true, i+2
		} else if y, ok := yearWord(at(i + 2)); ok && (at(i+1) == "fiscal" || at(i+1) == "fy") {
			p.year, p.fiscal, p.j = y, true, i+3 // "Q1 fiscal 2025"
		}
		return p, true
	case ordinals[w] > 0 && (at(i+1) == "quarter" || at(i+1) == "fiscal" && at(i+2) == "quarter"):
		p.kind, p.quarter, p.j = "q", ordinals[w], i+2
		if at(i+1) == "fiscal" {
			p.fiscal, p.j = true, i+3
		}
		k := p.j
		if at(k) == "of" || at(k) == "ended" && months[at(k+1)] > 0 {
			k++
		}
		if at(k) == "fiscal" || at(k) == "fy" {
			p.fiscal = true
			k++
			if at(k) == "year" {
				k++ // "the second quarter of fiscal year 2026"
			}
		}
		if y, ok := yearWord(at(k)); ok {
			p.year, p.j = y, k+1
		} else if m := months[at(k)]; m > 0 {
			// "second quarter ended June 30, 2025"
			for e := k + 1; e < len(ws) && e <= k+3; e++ {
				if y, ok := yearWord(ws[e].w); ok {
					p.year, p.ended, p.j = y, m, e+1
					break
				}
			}
		}
		if i > 0 {
			if y, ok := yearWord(ws[i-1].w); ok && p.year == 0 {
				p.year, p.i = y, i-1
			}
			if ws[i-1].w == "fiscal" {
				p.fiscal, p.i = true, i-1 // "its fiscal first quarter of 2026"
			}
		}
		return p, true
	case (w == "three" || w == "3") && at(i+1) == "months" && (at(i+2) == "ended" || at(i+2) == "ending"):
		if m := endMonth(months[at(i+3)], at(i+4)); m > 0 {
			for e := i + 4; e < len(ws) && e <= i+6; e++ {
				if y, ok := yearWord(ws[e].w); ok {
					return periodRef{i: i, j: e + 1, kind: "q", quarter: (m + 2) / 3, year: y, ended: m}, true
				}
			}
		}
	case (w == "year" || w == "twelve" || w == "12") && (at(i+1) == "ended" || at(i+1) == "ending" || at(i+1) == "months" && at(i+2) == "ended") && w == "year":
		for e := i + 2; e < len(ws) && e <= i+5; e++ {
			if y, ok := yearWord(ws[e].w); ok {
				return periodRef{i: i, j: e + 1, kind: "fy", year: y, fiscal: true}, true
			}
		}
	case w == "trailing" || w == "ttm" || w == "ltm" || (w == "last" && (at(i+1) == "twelve" || at(i+1) == "12") && at(i+2) == "months"):
		if w == "ttm" || w == "ltm" {
			return periodRef{i: i, j: i + 1, kind: "ttm"}, true
		}
		if at(i+1) == "twelve" || at(i+1) == "12" || at(i+1) == "four" {
			return periodRef{i: i, j: i + 3, kind: "ttm"}, true
		}
	case w == "fiscal" || w == "fy":
		if y, ok := yearWord(at(i + 1)); ok {
			return fiscalYearThenQuarter(ws, i, i+2, y), true
		}
		if y, ok := yearWord(at(i + 2)); ok && at(i+1) == "year" {
			return fiscalYearThenQuarter(ws, i, i+3, y), true // "Fiscal Year 2026 First Quarter"
		}
	case strings.HasPrefix(w, "fy") && len(w) > 2:
		if y, ok := fyWord(w); ok {
			return fiscalYearThenQuarter(ws, i, i+1, y), true
		}
	case w == "same" && (at(i+1) == "period" || at(i+1) == "quarter" || at(i+1) == "months") && (at(i+2) == "of" || at(i+2) == "in") && isYear(at(i+3)):
		// "up 28% from the same period of 2025": the year is the comparison base
		return periodRef{i: i, j: i + 4, kind: "prior"}, true
	case w == "same" && (at(i+1) == "period" || at(i+1) == "quarter") && at(i+2) == "last" && at(i+3) == "year",
		w == "same" && (at(i+1) == "period" || at(i+1) == "quarter") && at(i+2) == "a" && at(i+3) == "year":
		return periodRef{i: i, j: i + 4, kind: "prior"}, true
	case w == "a" && at(i+1) == "year" && (at(i+2) == "ago" || at(i+2) == "earlier"), w == "prior" && at(i+1) == "year", w == "last" && at(i+1) == "year":
		return periodRef{i: i, j: i + 2, kind: "prior"}, true
	case w == "last" && at(i+1) == "quarter" && !(i > 0 && (ws[i-1].w == "from" || ws[i-1].w == "than" || ws[i-1].w == "over" || ws[i-1].w == "the" && i > 1 && (ws[i-2].w == "from" || ws[i-2].w == "over"))):
		// "capital expenditures totaled $34.9 billion last quarter": the
		// quarter that closed last before the document ("from last quarter"
		// is a comparison, read as a basis; "the previous quarter" is the
		// one before the quarter the text reports, not before its date)
		return periodRef{i: i, j: i + 2, kind: "lastq"}, true
	case (w == "current" || w == "this") && at(i+1) == "quarter":
		return periodRef{i: i, j: i + 2, kind: "current"}, true
	case (w == "upcoming" || w == "coming") && at(i+1) == "quarter":
		// guidance "for the upcoming quarter" in an earnings report: the
		// quarter now running, the one after the quarter just reported
		return periodRef{i: i, j: i + 2, kind: "current"}, true
	case w == "this" && at(i+1) == "year", w == "full" && at(i+1) == "year" && !isYear(at(i+2)), w == "current" && at(i+1) == "year":
		return periodRef{i: i, j: i + 2, kind: "thisyear"}, true
	case w == "next" && at(i+1) == "year":
		return periodRef{i: i, j: i + 2, kind: "nextyear"}, true
	case (w == "this" || w == "current" || w == "next") && at(i+1) == "fiscal" && at(i+2) == "year":
		// "this fiscal year": the fiscal year running at the document's date
		p := periodRef{i: i, j: i + 3, kind: "thisyear", fiscal: true}
		if w == "next" {
			p.kind = "nextyear"
		}
		return p, true
	case w == "quarter" && endedMonth(at, i+1) > 0:
		// "the quarter ended August 31, 2025", "the quarter that ended on
		// March 29": the quarter that month closes
		at0 := endedMonth(at, i+1)
		m := endMonth(months[at(at0)], at(at0+1))
		for e := at0 + 1; e < len(ws) && e <= at0+3; e++ {
			if y, ok := yearWord(ws[e].w); ok {
				return periodRef{i: i, j: e + 1, kind: "q", quarter: (m + 2) / 3, year: y, ended: m}, true
			}
		}
		return periodRef{i: i, j: at0 + 1, kind: "q", quarter: (m + 2) / 3, ended: m}, true
	case months[w] > 0 && months[w]%3 == 0 && at(i+1) == "quarter" && i > 0 && (ws[i-1].w == "the" || ws[i-1].w == "its" || ws[i-1].w == "latest"):
		// "in the December quarter": the quarter that month closes
		m := months[w]
		p := periodRef{i: i, j: i + 2, kind: "q", quarter: m / 3, ended: m}
		if y, ok := yearWord(at(i - 1)); ok {
			p.year, p.i = y, i-1
		}
		return p, true
	case months[w] > 0 && (at(i+1) == "to" || at(i+1) == "through") && months[at(i+2)] > 0 && (months[at(i+2)]-months[w]+12)%12 == 2 &&
		months[at(i+2)]%3 == 0 && (at(i+3) == "period" || at(i+3) == "quarter"):
		// "the July-to-September quarter"
		m := months[at(i+2)]
		return periodRef{i: i, j: i + 4, kind: "q", quarter: m / 3, ended: m}, true
	case months[w] > 0 && months[at(i+1)] > 0 && (months[at(i+1)]-months[w]+12)%12 == 2 && months[at(i+1)]%3 == 0 &&
		(at(i+2) == "period" || at(i+2) == "quarter" || i > 0 && (ws[i-1].w == "for" || ws[i-1].w == "in" || ws[i-1].w == "during")):
		// "for the April-June period", "net profit for July-September": the
		// quarter June (September) closes
		m := months[at(i+1)]
		j := i + 2
		if at(j) == "period" || at(j) == "quarter" {
			j++
		}
		return periodRef{i: i, j: j, kind: "q", quarter: m / 3, ended: m}, true
	case w == "quarter" && i > 0 && (ws[i-1].w == "latest" || ws[i-1].w == "recent" && i > 1 && ws[i-2].w == "most"):
		// "reached $455 billion in the latest quarter": the quarter closed
		// last before the document
		return periodRef{i: i - 1, j: i + 1, kind: "lastq"}, true
	case w == "quarter" && i > 0 && (ws[i-1].w == "the" || ws[i-1].w == "recent"), w == "quarterly":
		return periodRef{i: i, j: i + 1, kind: "quarter"}, true
	case (w == "end" || w == "close") && at(i+1) == "of" && months[at(i+2)] > 0:
		// "at the end of March": the quarter that month closes
		m := months[at(i+2)]
		p := periodRef{i: i, j: i + 3, kind: "q", quarter: (m + 2) / 3, ended: m}
		if y, ok := yearWord(at(i + 3)); ok {
			p.year, p.j = y, i+4
		}
		return p, true
	case w == "decade":
		return periodRef{i: i, j: i + 1, kind: "decade"}, true
	case w == "annually" || w == "annual" && at(i+1) != "run" && at(i+1) != "revenue" && at(i+1) != "recurring" || w == "a" && at(i+1) == "year" || w == "per" && at(i+1) == "year":
		j := i + 1
		if w == "a" || w == "per" {
			j = i + 2
		}
		return periodRef{i: i, j: j, kind: "annual"}, true
	default:
		if y, ok := yearWord(w); ok && !(i > 0 && months[ws[i-1].w] > 0) && !(i > 1 && months[ws[i-2].w] > 0) {
			return periodRef{i: i, j: i + 1, kind: "fy", year: y}, true
		}
	}
	return periodRef{}, false
}

func isYear(w string) bool { _, ok := yearWord(w); return ok }

func yearWord(w string) (int, bool) {
	if len(w) != 4 || (w[0] != '1' && w[0] != '2') {
		return 0, false
	}
	y, err := strconv.Atoi(w)
	if err != nil || y < 1950 || y > 2100 {
		return 0, false
	}
	return y, true
}

// fyWord reads "fy2025", "fy25".
func fyWord(w string) (int, bool) {
	if !strings.HasPrefix(w, "fy") {
		return 0, false
	}
	d := w[2:]
	if y, ok := yearWord(d); ok {
		return y, true
	}
	if len(d) == 2 && d[0] >= '0' && d[0] <= '9' && d[1] >= '0' && d[1] <= '9' {
		return 2000 + int(d[0]-'0')*10 + int(d[1]-'0'), true
	}
	return 0, false
}

// docDate is the reference date periods resolve against.
type docDate struct {
	year, month int // 0 when unknown
	fyEnd       int // the month the document's company closes its fiscal year, 0 when unknown or December
}

// ended reports whether period (a label such as "2025-Q2", "FY2026" or
// "FY2026-Q1") was over by the document's month; it is true for labels it
// cannot place and when the date is unknown. A period that ends in the
// document's own month counts as over: the report may come at its end.
func (d docDate) ended(period string) bool {
	y, m, ok := d.periodEnd(period)
	if !ok || d.year == 0 || d.month == 0 {
		return true
	}
	return y < d.year || y == d.year && m <= d.month
}

// monthsAhead is how many months after the document's month period ends
// (negative when it ended before); ok is false when either is unknown.
func (d docDate) monthsAhead(period string) (int, bool) {
	y, m, ok := d.periodEnd(period)
	if !ok || d.year == 0 || d.month == 0 {
		return 0, false
	}
	return (y-d.year)*12 + m - d.month, true
}

// periodEnd returns the year and month a period label ends in, on the
// document company's calendar for "FY" labels.
func (d docDate) periodEnd(period string) (y, m int, ok bool) {
	if len(period) < 4 {
		return 0, 0, false
	}
	fiscal := strings.HasPrefix(period, "FY")
	rest := strings.TrimPrefix(period, "FY")
	if len(rest) < 4 || fiscal && d.fyEnd == 0 && len(rest) > 4 {
		return 0, 0, false // a fiscal quarter of a calendar this package does not know
	}
	y, err := strconv.Atoi(rest[:4])
	if err != nil {
		return 0, 0, false
	}
	switch {
	case len(rest) == 4:
		m = 12
		if fiscal && d.fyEnd > 0 {
			m = d.fyEnd
		}
	case len(rest) == 7 && rest[4:6] == "-Q" && rest[6] >= '1' && rest[6] <= '4':
		q := int(rest[6] - '0')
		m = 3 * q
		if fiscal && d.fyEnd > 0 {
			// fiscal year y ends in month fyEnd of calendar year y
			if m = d.fyEnd + 3*q; m > 12 {
				m -= 12
			} else {
				y--
			}
		}
	default:
		return 0, 0, false
	}
	return y, m, true
}

func parseDocDate(published string) docDate {
	if len(published) < 7 {
		return docDate{}
	}
	y, err1 := strconv.Atoi(published[:4])
	m, err2 := strconv.Atoi(published[5:7])
	if err1 != nil || err2 != nil || m < 1 || m > 12 {
		return docDate{}
	}
	return docDate{year: y, month: m}
}

// resolve turns a time phrase into a schema period. ctxYear is the year the
// document's quarters were last named with; forecast resolves an unnamed
// year forward rather than back.
func (p periodRef) resolve(d docDate, ctxYear int, forecast bool, ref string) string {
	switch p.kind {
	case "q":
		if p.ended > 0 && p.year == 0 {
			// "the quarter that ended on March 29": the latest such month
			// end at the document's date; "spending in the September quarter
			// would exceed": the next one
			switch {
			case ctxYear > 0:
				p.year = ctxYear
			case d.year > 0 && forecast && p.ended > d.month && d.month+12-p.ended <= 3:
				// (a forecast of a quarter that closed within the last three
				// months is an estimate of results not yet reported: the
				// December quarter's in January is last year's)
				p.year = d.year - 1
			case d.year > 0 && forecast && (p.ended >= d.month || d.month-p.ended <= 3):
				p.year = d.year
			case d.year > 0 && forecast:
				p.year = d.year + 1
			case d.year > 0 && p.ended <= d.month:
				p.year = d.year
			case d.year > 0:
				p.year = d.year - 1
			}
		}
		if d.fyEnd > 0 && !p.fiscal && p.ended > 0 && p.year > 0 && (p.ended-d.fyEnd+12)%3 == 0 {
			// "the quarter ended August 31, 2025" at a company whose year
			// ends in May is its fiscal first quarter, not a calendar one
			fy := p.year
			if p.ended > d.fyEnd {
				fy++
			}
			return "FY" + strconv.Itoa(fy) + "-Q" + strconv.Itoa((p.ended-d.fyEnd+11)%12/3+1)
		}
		y := p.year
		if y == 0 && d.fyEnd > 0 && p.ended == 0 {
			// "the second quarter" at a company with its own fiscal year is
			// its fiscal second quarter: that is how it and its reporters
			// count ("Nvidia's second-quarter revenue" in August 2025); the
			// year the document named ("fiscal year 2023") is a fiscal one
			p.fiscal = true
			if y = ctxYear; y == 0 {
				y = fiscalQuarterYear(p.quarter, d, forecast)
			}
		}
		if y == 0 {
			y = quarterYear(p.quarter, d, ctxYear, forecast)
		}
		if y == 0 {
			return "quarter"
		}
		if !p.fiscal && p.ended == 0 && p.year > 0 && d.fyEnd > 0 {
			// "Nvidia posts record Q3 2026 earnings" in November 2025: a
			// result named by a company with its own fiscal year is of that
			// year's quarter, the calendar one has not even begun; so is
			// "guidance for Q4 2026", the quarter now running, not one a
			// year away
			cal, ok1 := d.monthsAhead(quarterLabel(y, p.quarter))
			fis, ok2 := d.monthsAhead("FY" + strconv.Itoa(y) + "-Q" + strconv.Itoa(p.quarter))
			if ok1 && ok2 && (!forecast && cal > 0 && fis <= 0 || forecast && cal > 6 && fis >= -2 && fis <= 6) {
				p.fiscal = true
			}
		}
		if p.fiscal {
			return "FY" + strconv.Itoa(y) + "-Q" + strconv.Itoa(p.quarter)
		}
		return quarterLabel(y, p.quarter)
	case "fy":
		return fyLabel(p.year)
	case "ttm", "annual", "quarter", "decade":
		return p.kind
	case "current":
		if d.year > 0 && d.fyEnd > 0 && d.month > 0 {
			// the fiscal quarter not yet closed at the document's date:
			// Nvidia's "current quarter" in November 2025 ends in January,
			// its FY2026-Q4
			m, y := d.month, d.year
			for (m-d.fyEnd+12)%3 != 0 {
				if m++; m > 12 {
					m, y = 1, y+1
				}
			}
			fy := y
			if m > d.fyEnd {
				fy++
			}
			return "FY" + strconv.Itoa(fy) + "-Q" + strconv.Itoa((m-d.fyEnd+11)%12/3+1)
		}
		if d.year > 0 {
			return quarterLabel(d.year, (d.month+2)/3)
		}
		return "quarter"
	case "lastq":
		if d.year == 0 || d.month == 0 {
			return "quarter"
		}
		close := 0 // the month a quarter of the company's calendar closes in: 3, 6, 9, 12 when December
		if d.fyEnd > 0 {
			close = d.fyEnd % 3
		}
		m, y := d.month-1, d.year
		for ; ; m-- {
			if m == 0 {
				m, y = 12, y-1
			}
			if m%3 == close {
				break
			}
		}
		return periodRef{kind: "q", quarter: (m + 2) / 3, year: y, ended: m}.resolve(d, 0, false, "")
	case "thisyear", "nextyear":
		if d.year == 0 {
			if p.kind == "thisyear" {
				return "annual"
			}
			return ""
		}
		y := d.year
		if p.fiscal && d.fyEnd > 0 && d.month > d.fyEnd {
			y++ // Oracle's year ends in May: in September 2025 it is in FY2026
		}
		if p.kind == "nextyear" {
			y++
		}
		return fyLabel(y)
	case "prior":
		return priorYear(ref)
	}
	return ""
}

// fiscalQuarterYear picks the fiscal year of "the fiscal first quarter" at a
// company whose year ends in month d.fyEnd: the latest such quarter already
// ended at the document date, the next one for a forecast. Fiscal year F
// ends in month fyEnd of calendar year F; its quarter q ends fyEnd+3q months
// after the start of calendar year F-1.
func fiscalQuarterYear(q int, d docDate, forecast bool) int {
	if d.year == 0 {
		return 0
	}
	last := 0
	for f := d.year - 1; f <= d.year+2; f++ {
		ey, em := f-1, d.fyEnd+3*q
		if em > 12 {
			ey, em = f, em-12
		}
		ended := ey < d.year || ey == d.year && em <= d.month
		if forecast && (ey > d.year || ey == d.year && em >= d.month) {
			return f
		}
		if ended {
			last = f
		}
	}
	return last
}

// fiscalYearEnds are the months in which companies with a fiscal year other
// than the calendar's close it (public filings).
var fiscalYearEnds = map[string]int{
	"Microsoft": 6, "Nvidia": 1, "Apple": 9, "Oracle": 5, "Broadcom": 10, "Salesforce": 1, "Adobe": 11,
	"Cisco": 7, "Micron": 8, "Dell": 1, "Dell Technologies": 1, "HP": 10, "HPE": 10, "Walmart": 1, "Marvell": 1,
	"Snowflake": 1, "CrowdStrike": 1, "Palo Alto Networks": 7, "Intuit": 7, "Autodesk": 1, "Workday": 1,
	"Costco": 8, "Accenture": 8, "FedEx": 5, "Nike": 5,
}

// quarterYear picks the year of "the first quarter": the latest such quarter
// already ended at the document date (the next one for a forecast), else the
// year the document last named.
func quarterYear(q int, d docDate, ctxYear int, forecast bool) int {
	if ctxYear > 0 {
		return ctxYear
	}
	if d.year == 0 {
		return 0
	}
	endMonth := q * 3
	if forecast {
		if since := (d.month - endMonth + 12) % 12; since >= 1 && since <= 2 {
			// a forecast of a quarter that closed a month or two ago is an
			// estimate of results not yet out ("Wall Street was looking for
			// first-quarter earnings of $5.28" on May 1)
			if endMonth < d.month {
				return d.year
			}
			return d.year - 1
		}
		if endMonth >= d.month {
			return d.year
		}
		return d.year + 1
	}
	if endMonth < d.month || (endMonth == d.month) {
		return d.year
	}
	return d.year - 1
}

// priorYear shifts "2025-Q1" to "2024-Q1", "FY2025" to "FY2024".
func priorYear(ref string) string {
	switch {
	case strings.HasPrefix(ref, "FY") && len(ref) >= 6:
		if y, ok := yearWord(ref[2:6]); ok {
			return "FY" + strconv.Itoa(y-1) + ref[6:]
		}
	case len(ref) >= 7 && ref[4] == '-':
		if y, ok := yearWord(ref[:4]); ok {
			return strconv.Itoa(y-1) + ref[4:]
		}
	}
	return ""
}

// Period labels of the years labelFrom up to labelTo come from tables, not
// built afresh for every claim.
const labelFrom, labelTo = 1950, 2150

var quarterLabels, fyLabels = func() (q, fy []string) {
	for y := labelFrom; y < labelTo; y++ {
		for k := 1; k <= 4; k++ {
			q = append(q, strconv.Itoa(y)+"-Q"+strconv.Itoa(k))
		}
		fy = append(fy, "FY"+strconv.Itoa(y))
	}
	return q, fy
}()

// quarterLabel is "2025-Q2".
func quarterLabel(y, q int) string {
	if y >= labelFrom && y < labelTo && q >= 1 && q <= 4 {
		return quarterLabels[(y-labelFrom)*4+q-1]
	}
	return strconv.Itoa(y) + "-Q" + strconv.Itoa(q)
}

// fyLabel is "FY2025".
func fyLabel(y int) string {
	if y >= labelFrom && y < labelTo {
		return fyLabels[y-labelFrom]
	}
	return "FY" + strconv.Itoa(y)
}

// endedMonth returns the index of the month in "ended August 31", "ending
// in June", "that ended on March 29" starting at word i, else 0.
func endedMonth(at func(int) string, i int) int {
	if at(i) == "that" || at(i) == "which" {
		i++
	}
	if at(i) != "ended" && at(i) != "ending" && at(i) != "ends" {
		return 0
	}
	i++
	if at(i) == "on" || at(i) == "in" {
		i++
	}
	if months[at(i)] > 0 {
		return i
	}
	return 0
}

// endMonth is the month a quarter ending on day of month m belongs to: a
// 52/53-week year ends its quarters on a weekday near the month's end, a
// few days into the next month at times ("three months ended March 3,
// 2023" is Adobe's quarter of December to February).
func endMonth(m int, day string) int {
	if m == 0 {
		return 0
	}
	if n, err := strconv.Atoi(day); err == nil && n >= 1 && n <= 7 {
		if m--; m == 0 {
			m = 12
		}
	}
	return m
}
