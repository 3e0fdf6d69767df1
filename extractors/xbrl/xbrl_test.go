package xbrl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/google/go-cmp/cmp"
)

const edgarFixtures = "../../fixtures/web/edgar"

// gold is one line of fixtures/web/edgar/expected-claims.jsonl.
type gold struct {
	Document string  `json:"document"`
	Subject  string  `json:"subject"`
	Metric   string  `json:"metric"`
	Segment  string  `json:"segment"`
	Value    float64 `json:"value"`
	Unit     string  `json:"unit"`
	Period   string  `json:"period"`
	Figure   string  `json:"figure"`
}

func readGold(t testing.TB) map[string][]gold {
	t.Helper()
	f, err := os.Open(filepath.Join(edgarFixtures, "expected-claims.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	byDoc := map[string][]gold{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var g gold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("gold line %q: %v", sc.Text(), err)
		}
		byDoc[g.Document] = append(byDoc[g.Document], g)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return byDoc
}

func TestExtractGold(t *testing.T) {
	byDoc := readGold(t)
	if len(byDoc) < 2 {
		t.Fatalf("gold covers %d documents, want 2", len(byDoc))
	}
	for doc, want := range byDoc {
		t.Run(filepath.Base(doc), func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(edgarFixtures, doc))
			if err != nil {
				t.Fatal(err)
			}
			meta := claim.Source{URL: "https://www.sec.gov/" + doc, Published: "2025-08-27", Form: "10-Q"}
			claims, err := Extract(raw, meta)
			if err != nil {
				t.Fatal(err)
			}
			var got []gold
			if len(claims) > 0 && !strings.Contains(claims[0].Source.Title, "10-Q for the period ended ") {
				t.Errorf("title %q", claims[0].Source.Title)
			}
			for _, c := range claims {
				got = append(got, gold{Document: doc, Subject: c.Subject, Metric: string(c.Metric), Segment: c.Segment,
					Value: c.Value, Unit: c.Unit, Period: c.Period, Figure: c.Figure()})
				checkClaim(t, c, meta)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("claims (-gold +got):\n%s", d)
			}
		})
	}
}

// checkClaim holds the invariants every claim of this package keeps.
func checkClaim(t *testing.T, c claim.Claim, meta claim.Source) {
	t.Helper()
	if c.Source.URL != meta.URL || c.Source.Kind != claim.KindFiling || c.Source.Form == "" || c.Source.Published != meta.Published {
		t.Errorf("source %+v", c.Source)
	}
	if c.Qualifier != claim.Exact || c.Modality != claim.Actual || !c.Metric.Valid() {
		t.Errorf("%s: qualifier %q modality %q", c.Metric, c.Qualifier, c.Modality)
	}
	if c.Span[0] < 0 || c.Span[1] > len(c.Quote) || c.Span[0] >= c.Span[1] {
		t.Errorf("span %v outside quote %q", c.Span, c.Quote)
	}
	if strings.Contains(c.Quote, "  ") || strings.TrimSpace(c.Quote) != c.Quote {
		t.Errorf("quote not normalized: %q", c.Quote)
	}
	if c.ID != claim.NewID(c.Source.URL, c.Quote, c.Span, c.Metric) {
		t.Errorf("id %s is not NewID", c.ID)
	}
}

func TestExtractQuotes(t *testing.T) {
	doc := "Archives/edgar/data/9990001/000999000125000034/excc-20250630.htm"
	raw, err := os.ReadFile(filepath.Join(edgarFixtures, doc))
	if err != nil {
		t.Fatal(err)
	}
	claims, err := Extract(raw, claim.Source{URL: "https://www.sec.gov/" + doc})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // metric/period/segment → quote
		"net_income FY2025-Q2 ":              "Net loss | $(42) | $(118) | $(97) | $(251)",
		"capex FY2025-H1 ":                   "Purchases of property and equipment | (188) | (143)",
		"revenue FY2025-Q2 managed database": "Managed database | $402 | $301",
		"backlog FY2025-Q2 ": "Remaining performance obligations, which include deferred revenue and committed amounts " +
			"not yet invoiced, were $6.4 billion as of June 30, 2025. We expect to recognize approximately 55% of that " +
			"amount as revenue over the next twelve months and the remainder thereafter.",
	}
	for _, c := range claims {
		k := string(c.Metric) + " " + c.Period + " " + c.Segment
		if q, ok := want[k]; ok {
			if c.Quote != q {
				t.Errorf("%s quote\n got %q\nwant %q", k, c.Quote, q)
			}
			delete(want, k)
		}
	}
	for k := range want {
		t.Errorf("no claim %s", k)
	}
}

func TestExtractDeterministic(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(edgarFixtures, "Archives/edgar/data/1045810/000104581025000209/nvda-20250727.htm"))
	if err != nil {
		t.Fatal(err)
	}
	meta := claim.Source{URL: "https://www.sec.gov/x.htm"}
	a, _ := Extract(raw, meta)
	b, _ := Extract(raw, meta)
	if len(a) == 0 {
		t.Fatal("no claims")
	}
	if d := cmp.Diff(a, b); d != "" {
		t.Errorf("two runs differ:\n%s", d)
	}
}

// ixDoc wraps body in a minimal inline XBRL document with a header holding
// dei facts (fiscal 2025, Q2, period ending 2025-06-30) and these contexts.
func ixDoc(body string) []byte {
	return []byte(`<?xml version='1.0' encoding='ASCII'?><html xmlns="http://www.w3.org/1999/xhtml"><body>
<div style="display:none"><ix:header><ix:hidden>
<ix:nonNumeric contextRef="ytd" name="dei:DocumentFiscalYearFocus">2025</ix:nonNumeric>
<ix:nonNumeric contextRef="ytd" name="dei:DocumentFiscalPeriodFocus">Q2</ix:nonNumeric>
<ix:nonNumeric contextRef="ytd" name="dei:EntityRegistrantName">Acme Widgets, Inc.</ix:nonNumeric>
<ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:GrossProfit" scale="6">77</ix:nonFraction>
</ix:hidden><ix:resources>
<xbrli:context id="ytd"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2025-01-01</xbrli:startDate><xbrli:endDate>2025-06-30</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:context id="q"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2025-04-01</xbrli:startDate><xbrli:endDate>2025-06-30</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:context id="seg"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier><xbrli:segment><xbrldi:explicitMember dimension="us-gaap:StatementBusinessSegmentsAxis">acme:IndustrialGearsSegmentMember</xbrldi:explicitMember></xbrli:segment></xbrli:entity><xbrli:period><xbrli:startDate>2025-04-01</xbrli:startDate><xbrli:endDate>2025-06-30</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:context id="now"><xbrli:entity><xbrli:identifier scheme="http://www.sec.gov/CIK">1</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:instant>2025-06-30</xbrli:instant></xbrli:period></xbrli:context>
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
<xbrli:unit id="eur"><xbrli:measure>iso4217:EUR</xbrli:measure></xbrli:unit>
<xbrli:unit id="pure"><xbrli:measure>xbrli:pure</xbrli:measure></xbrli:unit>
<xbrli:unit id="usdPerShare"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unitDenominator></xbrli:divide></xbrli:unit>
</ix:resources></ix:header></div>` + body + `</body></html>`)
}

func TestExtractCases(t *testing.T) {
	type out struct {
		Metric  string
		Segment string
		Value   float64
		Unit    string
		Period  string
		Figure  string
	}
	tests := []struct {
		name string
		body string
		want []out
	}{
		{"table row, scale 6", `<table><tr><td>Revenue</td><td>$</td><td><ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:Revenues" scale="6" decimals="-6" format="ixt:num-dot-decimal">1,234</ix:nonFraction></td></tr></table>`,
			[]out{{"revenue", "", 1234e6, "USD", "FY2025-Q2", "1,234"}}},
		{"sign minus is a loss", `<p>Net loss was $(<ix:nonFraction unitRef="usd" contextRef="ytd" name="us-gaap:NetIncomeLoss" scale="3" sign="-">5,120</ix:nonFraction>) thousand.</p>`,
			[]out{{"net_income", "", -5120e3, "USD", "FY2025-H1", "5,120"}}},
		{"diluted preferred over basic, in either order", `<table><tr><td>Basic</td><td><ix:nonFraction unitRef="usdPerShare" contextRef="q" name="us-gaap:EarningsPerShareBasic" decimals="2">0.52</ix:nonFraction></td></tr><tr><td>Diluted</td><td><ix:nonFraction unitRef="usdPerShare" contextRef="q" name="us-gaap:EarningsPerShareDiluted" decimals="2">0.51</ix:nonFraction></td></tr></table>`,
			[]out{{"eps", "", 0.51, "USD/share", "FY2025-Q2", "0.51"}}},
		{"backlog at an instant", `<p>Backlog stood at $<ix:nonFraction unitRef="usd" contextRef="now" name="us-gaap:RevenueRemainingPerformanceObligation" scale="9">2.5</ix:nonFraction> billion.</p>`,
			[]out{{"backlog", "", 2.5e9, "USD", "FY2025-Q2", "2.5"}}},
		{"basic alone is kept", `<p>Basic EPS <ix:nonFraction unitRef="usdPerShare" contextRef="q" name="us-gaap:EarningsPerShareBasic">0.52</ix:nonFraction>.</p>`,
			[]out{{"eps", "", 0.52, "USD/share", "FY2025-Q2", "0.52"}}},
		{"fixed-zero and comma decimal", `<table><tr><td>Capex</td><td><ix:nonFraction unitRef="eur" contextRef="ytd" name="us-gaap:PaymentsToAcquirePropertyPlantAndEquipment" scale="6" format="ixt:fixed-zero">&#8212;</ix:nonFraction></td><td><ix:nonFraction unitRef="eur" contextRef="q" name="us-gaap:PaymentsToAcquireProductiveAssets" scale="6" format="ixt:num-comma-decimal">1.234,5</ix:nonFraction></td></tr></table>`,
			[]out{{"capex", "", 0, "EUR", "FY2025-H1", "—"}, {"capex", "", 1234.5e6, "EUR", "FY2025-Q2", "1.234,5"}}},
		{"segment member", `<p>Industrial gears sold <ix:nonFraction unitRef="usd" contextRef="seg" name="us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax" scale="6">310</ix:nonFraction> million.</p>`,
			[]out{{"revenue", "industrial gears", 310e6, "USD", "FY2025-Q2", "310"}}},
		{"nested facts: the outer, better-ranked concept", `<p>Sales were <ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:Revenues" scale="6"><ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:SalesRevenueNet" scale="6">9</ix:nonFraction></ix:nonFraction> million.</p>`,
			[]out{{"revenue", "", 9e6, "USD", "FY2025-Q2", "9"}}},
		{"duplicate fact: first showing", `<p>Revenue of <ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:Revenues" scale="6">12</ix:nonFraction> million.</p><p>Again: <ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:Revenues" scale="6">12</ix:nonFraction>.</p>`,
			[]out{{"revenue", "", 12e6, "USD", "FY2025-Q2", "12"}}},
		// near misses: no claim
		{"hidden fact is not quoted", ``, nil},
		{"unmapped concept", `<p><ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:CostOfRevenue" scale="6">5</ix:nonFraction></p>`, nil},
		{"unknown context", `<p><ix:nonFraction unitRef="usd" contextRef="nope" name="us-gaap:Revenues" scale="6">5</ix:nonFraction></p>`, nil},
		{"pure unit for a money metric", `<p><ix:nonFraction unitRef="pure" contextRef="q" name="us-gaap:Revenues">5</ix:nonFraction></p>`, nil},
		{"money unit for eps", `<p><ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:EarningsPerShareDiluted">5</ix:nonFraction></p>`, nil},
		{"nil fact", `<p><ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:Revenues" xsi:nil="true"></ix:nonFraction></p>`, nil},
		{"unknown format", `<p><ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:Revenues" format="ixt:date-day-month-year">5</ix:nonFraction></p>`, nil},
		{"junk number", `<p><ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:Revenues">1.2.3</ix:nonFraction></p>`, nil},
		{"absurd scale", `<p><ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:Revenues" scale="400">5</ix:nonFraction></p>`, nil},
		{"instant context for a flow", `<p><ix:nonFraction unitRef="usd" contextRef="now" name="us-gaap:Revenues">5</ix:nonFraction></p>`, nil},
		{"flow context for backlog", `<p><ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:RevenueRemainingPerformanceObligation">5</ix:nonFraction></p>`, nil},
	}
	for _, tt := range tests {
		claims, err := Extract(ixDoc(tt.body), claim.Source{URL: "https://example.test/10q.htm"})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got []out
		for _, c := range claims {
			if c.Subject != "Acme Widgets" {
				t.Errorf("%s: subject %q", tt.name, c.Subject)
			}
			got = append(got, out{string(c.Metric), c.Segment, c.Value, c.Unit, c.Period, c.Figure()})
		}
		if d := cmp.Diff(tt.want, got); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
	}
}

func TestExtractNoXBRL(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		err  error
	}{
		{"plain press release", []byte(`<html><body><p>Revenue was $5 billion.</p></body></html>`), nil},
		{"empty", nil, nil},
		{"no registrant name", []byte(strings.Replace(string(ixDoc(`<p><ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:Revenues">5</ix:nonFraction></p>`)), "dei:EntityRegistrantName", "dei:Other", 1)), nil},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), claim.ErrBinary},
	}
	for _, tt := range tests {
		claims, err := Extract(tt.raw, claim.Source{URL: "https://example.test/x"})
		if !errors.Is(err, tt.err) || len(claims) != 0 {
			t.Errorf("%s: %d claims, err %v; want none, %v", tt.name, len(claims), err, tt.err)
		}
	}
}

func TestValue(t *testing.T) {
	tests := []struct {
		display, format, scale, sign string
		want                         float64
		ok                           bool
	}{
		{"46,743", "ixt:num-dot-decimal", "6", "", 46743e6, true},
		{"1.65", "", "0", "", 1.65, true},
		{"842", "", "", "", 842, true},
		{"6.4", "ixt:numdotdecimal", "9", "", 6.4e9, true},
		{"15.3", "ixt:num-dot-decimal", "-2", "", 0.153, true},
		{"310", "ixt:num-dot-decimal", "6", "-", -310e6, true},
		{"—", "ixt:fixed-zero", "6", "-", 0, true},
		{"-", "ixt:zerodash", "6", "", 0, true},
		{"1.234,56", "ixt:num-comma-decimal", "3", "", 1234560, true},
		{"no", "ixt-sec:numwordsen", "", "", 0, true},
		{"three", "ixt-sec:numwordsen", "", "", 3, true},
		{"24.3", "ixt:num-dot-decimal", "9", "", 24.3e9, true},
		// near misses
		{"", "", "", "", 0, false},
		{"1.2.3", "", "", "", 0, false},
		{"12a", "ixt:num-dot-decimal", "", "", 0, false},
		{"(42)", "ixt:num-dot-decimal", "6", "", 0, false},
		{"5", "", "six", "", 0, false},
		{"5", "", "21", "", 0, false},
		{"eleventy", "ixt-sec:numwordsen", "", "", 0, false},
		{"July 27", "ixt:date-monthname-day-en", "", "", 0, false},
	}
	for _, tt := range tests {
		got, err := value(tt.display, tt.format, tt.scale, tt.sign)
		if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
			t.Errorf("value(%q, %q, %q, %q) = %v, %v; want %v ok=%v", tt.display, tt.format, tt.scale, tt.sign, got, err, tt.want, tt.ok)
		}
	}
}

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestPeriodLabel(t *testing.T) {
	nvda := periods{fiscalYear: 2026, quarter: 2, end: day("2025-07-27")}
	annual := periods{fiscalYear: 2025, quarter: 4, end: day("2025-09-27")}
	q3 := periods{fiscalYear: 2025, quarter: 3, end: day("2025-09-30")}
	none := periods{}
	dur := func(a, b string) *xcontext { return &xcontext{start: day(a), end: day(b)} }
	inst := func(a string) *xcontext { return &xcontext{end: day(a), instant: true} }
	tests := []struct {
		name string
		p    periods
		c    *xcontext
		want string // "" = not labelled
	}{
		{"current quarter", nvda, dur("2025-04-28", "2025-07-27"), "FY2026-Q2"},
		{"prior-year quarter", nvda, dur("2024-04-29", "2024-07-28"), "FY2025-Q2"},
		{"year to date, six months", nvda, dur("2025-01-27", "2025-07-27"), "FY2026-H1"},
		{"prior year to date", nvda, dur("2024-01-29", "2024-07-28"), "FY2025-H1"},
		{"previous quarter", nvda, dur("2025-01-27", "2025-04-27"), "FY2026-Q1"},
		{"quarter before the year began", nvda, dur("2024-10-28", "2025-01-26"), "FY2025-Q4"},
		{"instant at period end", nvda, inst("2025-07-27"), "FY2026-Q2"},
		{"fiscal year", annual, dur("2024-09-29", "2025-09-27"), "FY2025"},
		{"53-week year's 14-week quarter", annual, dur("2025-06-22", "2025-09-27"), "FY2025-Q4"},
		{"prior fiscal year", annual, dur("2023-10-01", "2024-09-28"), "FY2024"},
		{"nine months", q3, dur("2025-01-01", "2025-09-30"), "FY2025-9M"},
		{"no dei: calendar quarter by midpoint", none, dur("2025-04-28", "2025-07-27"), "2025-Q2"},
		{"no dei: twelve months", none, dur("2025-01-27", "2026-01-25"), "FY2026"},
		{"no dei: instant", none, inst("2025-06-30"), "2025-Q2"},
		// near misses
		{"one-month stub", nvda, dur("2025-06-28", "2025-07-27"), ""},
		{"two years", nvda, dur("2023-07-27", "2025-07-27"), ""},
		{"no dei: year to date", none, dur("2025-01-01", "2025-06-30"), ""},
		{"six months ending in Q3", q3, dur("2025-04-01", "2025-09-30"), ""},
		{"twelve months ending mid-year", nvda, dur("2024-07-29", "2025-07-27"), ""},
	}
	for _, tt := range tests {
		got, ok := tt.p.label(tt.c)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("%s: label = %q, %v; want %q", tt.name, got, ok, tt.want)
		}
	}
	// A future period (after the document's end) falls back to the calendar.
	if got, _ := nvda.label(dur("2025-07-28", "2025-10-26")); got != "2025-Q3" {
		t.Errorf("future quarter: %q", got)
	}
}

func TestSegmentOf(t *testing.T) {
	m := func(axis, v string) member { return member{axis, v} }
	tests := []struct {
		name    string
		members []member
		typed   bool
		want    string
		ok      bool
	}{
		{"no dimension", nil, false, "", true},
		{"product member", []member{m("srt:ProductOrServiceAxis", "nvda:DataCenterMember")}, false, "data center", true},
		{"segment with the operating-segments member", []member{m("srt:ConsolidationItemsAxis", "us-gaap:OperatingSegmentsMember"), m("us-gaap:StatementBusinessSegmentsAxis", "nvda:GraphicsSegmentMember")}, false, "graphics", true},
		{"geography", []member{m("srt:StatementGeographicalAxis", "country:TW")}, false, "Taiwan", true},
		// near misses
		{"operating-segments total alone", []member{m("srt:ConsolidationItemsAxis", "us-gaap:OperatingSegmentsMember")}, false, "", false},
		{"corporate", []member{m("srt:ConsolidationItemsAxis", "us-gaap:CorporateNonSegmentMember")}, false, "", false},
		{"equity component", []member{m("us-gaap:StatementEquityComponentsAxis", "us-gaap:RetainedEarningsMember")}, false, "", false},
		{"two segment members", []member{m("srt:ProductOrServiceAxis", "aapl:IPhoneMember"), m("srt:StatementGeographicalAxis", "country:US")}, false, "", false},
		{"segment and another axis", []member{m("srt:ProductOrServiceAxis", "aapl:IPhoneMember"), m("us-gaap:DebtInstrumentAxis", "x:NotesMember")}, false, "", false},
		{"typed member", nil, true, "", false},
	}
	for _, tt := range tests {
		got, ok := segmentOf(&xcontext{members: tt.members, typed: tt.typed})
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestHumanize(t *testing.T) {
	tests := []struct {
		qname string
		geo   bool
		want  string
	}{
		{"nvda:DataCenterMember", false, "data center"},
		{"aapl:IPhoneMember", false, "iPhone"},
		{"aapl:MacMember", false, "Mac"},
		{"aapl:GreaterChinaSegmentMember", false, "Greater China"},
		{"aapl:RestOfAsiaPacificSegmentMember", false, "Rest of Asia Pacific"},
		{"nvda:OEMAndOtherMember", false, "OEM and other"},
		{"nvda:ProfessionalVisualizationMember", false, "professional visualization"},
		{"msft:IntelligentCloudMember", false, "intelligent cloud"},
		{"amzn:AWSSegmentMember", false, "AWS"},
		{"excc:ManagedDatabaseMember", false, "managed database"},
		{"srt:NorthAmericaMember", true, "North America"},
		{"x:EuropeMiddleEastAndAfricaMember", true, "Europe Middle East and Africa"},
		{"country:SG", true, "Singapore"},
		{"country:ZZ", true, "ZZ"},
		{"us-gaap:ProductMember", false, "products"},
	}
	for _, tt := range tests {
		if got := humanize(tt.qname, tt.geo); got != tt.want {
			t.Errorf("humanize(%q) = %q, want %q", tt.qname, got, tt.want)
		}
	}
}

func TestShortName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Apple Inc.", "Apple"},
		{"NVIDIA CORP", "Nvidia"},
		{"NVIDIA CORPORATION", "Nvidia"},
		{"Amazon.com, Inc.", "Amazon"},
		{"Advanced Micro Devices, Inc.", "AMD"},
		{"EXAMPLE CLOUD CORP", "Example Cloud"},
		{"Acme Widgets, Inc.", "Acme Widgets"},
		{"Snowflake Inc.", "Snowflake"},
		{"  Globex   Holdings Ltd. ", "Globex Holdings"},
		{"Corp", "Corp"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ShortName(tt.in); got != tt.want {
			t.Errorf("ShortName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join(edgarFixtures, "Archives/edgar/data/9990001/000999000125000034/excc-20250630.htm"))
	if err != nil {
		b.Fatal(err)
	}
	meta := claim.Source{URL: "https://www.sec.gov/excc-20250630.htm"}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if cs, err := Extract(raw, meta); err != nil || len(cs) == 0 {
			b.Fatal(len(cs), err)
		}
	}
}

func FuzzExtract(f *testing.F) {
	raw, err := os.ReadFile(filepath.Join(edgarFixtures, "Archives/edgar/data/9990001/000999000125000034/excc-20250630.htm"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw[:min(len(raw), 12000)])
	f.Add(ixDoc(`<table><tr><td>$</td><td>(<ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:NetIncomeLoss" sign="-" scale="6">5</ix:nonFraction></td><td>)</td></tr></table>`))
	f.Add(ixDoc(`<p><ix:nonFraction unitRef="usd" contextRef="seg" name="us-gaap:Revenues"/><ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:Revenues">7</p>`))
	f.Add([]byte(`<ix:nonFraction contextref="a" name="us-gaap:Revenues"><tr><td>1`))
	meta := claim.Source{URL: "https://example.test/f"}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Extract(data, meta)
		if err != nil {
			return
		}
		b, _ := Extract(data, meta)
		if len(a) != len(b) {
			t.Fatalf("not deterministic: %d then %d claims", len(a), len(b))
		}
		for i, c := range a {
			if c.Span[0] < 0 || c.Span[1] > len(c.Quote) || c.Span[0] > c.Span[1] {
				t.Fatalf("span %v outside quote of %d bytes", c.Span, len(c.Quote))
			}
			if c.ID != b[i].ID {
				t.Fatalf("claim %d id differs between runs", i)
			}
			if bytes.ContainsRune([]byte(c.Quote), 0) {
				t.Fatalf("NUL in quote")
			}
		}
	})
}

func TestSentence(t *testing.T) {
	long := strings.Repeat("Filler words go here and on. ", 20)
	s := long + "Revenue was $12 million in the quarter. " + long
	a := strings.Index(s, "12")
	got, ga, gb := sentence(s, a, a+2)
	if got != "Revenue was $12 million in the quarter." || got[ga:gb] != "12" {
		t.Errorf("sentence = %q [%d:%d]", got, ga, gb)
	}
	short := "Short paragraph. Revenue was $12 million."
	if got, _, _ := sentence(short, 30, 32); got != short {
		t.Errorf("short paragraph cut: %q", got)
	}
	// No full stop anywhere: cut at words near the figure, span kept.
	words := strings.Repeat("word ", 400)
	s = words + "$7 " + words
	a = strings.Index(s, "7")
	got, ga, gb = sentence(s, a, a+1)
	if len(got) > 2*maxScan+10 || got[ga:gb] != "7" || strings.HasPrefix(got, " ") {
		t.Errorf("no boundary: %d bytes, span %q", len(got), got[ga:gb])
	}
}

// BenchmarkExtractOneParagraph is the worst layout: thousands of facts in one
// page-long paragraph. It must cost about what a table of them costs.
func BenchmarkExtractOneParagraph(b *testing.B) {
	var body strings.Builder
	body.WriteString("<p>")
	for i := range 2000 {
		body.WriteString(`and revenue was <ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:Revenues" scale="3">`)
		body.WriteString(strconv.Itoa(1000 + i))
		body.WriteString(`</ix:nonFraction> thousand `)
	}
	body.WriteString("</p>")
	raw := ixDoc(body.String())
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Extract(raw, claim.Source{URL: "https://example.test/p"}); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleExtract() {
	raw := ixDoc(`<table><tr><td>Net loss</td><td>$</td><td>(<ix:nonFraction unitRef="usd" contextRef="q" name="us-gaap:NetIncomeLoss" scale="6" decimals="-6" sign="-" format="ixt:num-dot-decimal">42</ix:nonFraction></td><td>)</td></tr></table>`)
	claims, _ := Extract(raw, claim.Source{URL: "https://www.sec.gov/Archives/edgar/data/1/000000000125000001/acme-20250630.htm"})
	for _, c := range claims {
		fmt.Printf("%s %s %s %s %.0f %s\n%q %q\n", c.Subject, c.Metric, c.Period, c.Source.Kind, c.Value, c.Unit, c.Quote, c.Figure())
	}
	// Output:
	// Acme Widgets net_income FY2025-Q2 filing -42000000 USD
	// "Net loss | $(42)" "42"
}
