package extractors

import (
	"fmt"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/claim"
	"github.com/google/go-cmp/cmp"
)

// claimFor extracts text (its first line is the title) and returns the claim
// whose figure is fig.
func claimFor(t *testing.T, text, published, fig string) (claim.Claim, bool) {
	t.Helper()
	doc, err := Read([]byte(text), claim.Source{URL: "https://x.test/doc", Published: published})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Extract(doc) {
		if strings.Contains(c.Figure(), fig) {
			return c, true
		}
	}
	return claim.Claim{}, false
}

func TestExtractClaims(t *testing.T) {
	type want struct {
		subject  string
		metric   claim.Metric
		value    float64
		unit     string
		qual     claim.Qualifier
		period   string
		basis    string
		modality claim.Modality
		attrib   string
	}
	tests := []struct {
		name      string
		text, pub string
		fig       string
		want      want
	}{
		{"under a deal is no qualifier", "Results\nGlobex has launched 10 gigawatts under a $500 billion deal with Orbital.", "2025-10-30", "$500 billion",
			want{"Globex", claim.Commitment, 5e11, "USD", claim.Exact, "", "", claim.Actual, ""}},
		{"an amount worth of deals is a commitment, not a valuation", "Results\nGlobex has this year inked $1 trillion worth of such deals.", "2025-10-30", "$1 trillion",
			want{"Globex", claim.Commitment, 1e12, "USD", claim.Exact, "FY2025", "", claim.Actual, ""}},
		{"a growth figure's base is no period", "Results\nGlobex said third-quarter revenue was $3.1 billion, up 18% from the same quarter last year.", "2025-10-30", "18%",
			want{"Globex", claim.Growth, 18, "percent", claim.Exact, "2025-Q3", "yoy", claim.Actual, "Globex"}},
		{"a base after the next figure is not this figure's period", "Results\nGlobex earned $1.12 per share, a 30% jump over fiscal 2024's third quarter.", "2025-10-30", "$1.12",
			want{"Globex", claim.EPS, 1.12, "USD/share", claim.Exact, "", "", claim.Actual, ""}},
		{"fiscal year spelled out in a quarter", "Results\nGlobex's revenue for the second quarter of fiscal year 2026 was $2.4 billion.", "2025-10-30", "$2.4 billion",
			want{"Globex", claim.Revenue, 2.4e9, "USD", claim.Exact, "FY2026-Q2", "", claim.Actual, ""}},
		{"a dividend per share is no EPS", "Results\nGlobex raised its next quarterly dividend to $0.31 per share.", "2025-10-30", "$0.31",
			want{"Globex", claim.Other, 0.31, "USD/share", claim.Exact, "quarter", "", claim.Actual, ""}},
		{"a buyback valued at is no valuation", "Results\nGlobex said its new buyback was valued at $12 billion.", "2025-10-30", "$12 billion",
			want{"Globex", claim.Other, 12e9, "USD", claim.Exact, "", "", claim.Actual, "Globex"}},
		{"an estimate in a whereas-clause is not the prior figure's", "Results\nGlobex's cloud revenue rose to $5.2 billion from $4.4 billion, whereas analysts had expected $5.0 billion.", "2025-10-30", "$4.4 billion",
			want{"Globex", claim.Revenue, 4.4e9, "USD", claim.Exact, "", "", claim.Actual, ""}},
		{"a quarter that ended on a day reads the fiscal calendar", "Results\nApple said net income for the quarter that ended on March 29 was $24.8 billion.", "2025-05-01", "$24.8 billion",
			want{"Apple", claim.NetIncome, 24.8e9, "USD", claim.Exact, "FY2025-Q2", "", claim.Actual, "Apple"}},
		{"an estimate in the next sentence is of the figure just reported", "Results\nGlobex reported revenue of $8.2 billion for the quarter.\nThe average estimate of analysts polled by a data firm had been $7.9 billion.", "2025-10-30", "$7.9 billion",
			want{"Globex", claim.Revenue, 7.9e9, "USD", claim.Exact, "", "", claim.Forecast, ""}},
		{"the first of two joined percentages takes the noun after both", "Results\nGlobex said those figures were 42 percent and 37 percent gains.", "2025-10-30", "42 percent",
			want{"Globex", claim.Growth, 42, "percent", claim.Exact, "", "", claim.Actual, "Globex"}},
		{"a participle in reported speech belongs to the reported clause", "Chips\nA study by research firm TechPulse indicates that Globex had a strong 2024 in server shipments, totaling about 2.1 million units.", "2025-03-10", "2.1 million",
			want{"Globex", claim.DeployedUnits, 2.1e6, "count", claim.Approx, "FY2024", "", claim.Actual, ""}},
		{"a year after a later figure is that figure's", "Chips\nGlobex expects to deploy 6 gigawatts over several years, with the first 1 gigawatt due in 2026.", "2025-10-06", "6 gigawatts",
			want{"Globex", claim.Capacity, 6e9, "W", claim.Exact, "", "", claim.Forecast, ""}},
		{"run rate with possessive", "Cloud notes\nGlobex's AI unit has reached a $4 billion annual revenue run rate, the company said.", "", "$4 billion",
			want{"Globex", claim.RevenueRunRate, 4e9, "USD", claim.Exact, "", "", claim.Actual, "Globex"}},
		{"alias and more than", "Cloud notes\nAmazon Web Services said its AI services are running at more than $15 billion a year.", "", "$15 billion",
			want{"AWS", claim.RevenueRunRate, 15e9, "USD", claim.MoreThan, "", "", claim.Actual, "AWS"}},
		{"growth qoq", "Chips\nTrainium sales grew 40 percent quarter over quarter, Amazon said.", "", "40 percent",
			want{"Trainium", claim.Growth, 40, "percent", claim.Exact, "", "qoq", claim.Actual, "Amazon"}},
		{"decline is negative", "Results\nNvidia said gaming revenue was $2.2 billion, down 38% from a year ago.", "", "38%",
			want{"Nvidia", claim.Growth, -38, "percent", claim.Exact, "", "yoy", claim.Actual, "Nvidia"}},
		{"net loss is negative", "Results\nCoreWeave posted a net loss of $310 million in the first quarter.", "2025-05-15", "$310 million",
			want{"CoreWeave", claim.NetIncome, -310e6, "USD", claim.Exact, "2025-Q1", "", claim.Actual, ""}},
		{"quarter resolved forward for guidance", "Outlook\nInitech expects second-quarter revenue of $1.1 billion to $1.2 billion.", "2025-05-15", "$1.1 billion",
			want{"Initech", claim.Revenue, 1.1e9, "USD", claim.Range, "2025-Q2", "", claim.Forecast, ""}},
		{"fiscal year capex forecast", "Plans\nMeta projected 2026 capital expenditures of $115 billion to $135 billion.", "2026-01-29", "$115 billion",
			want{"Meta", claim.Capex, 115e9, "USD", claim.Range, "FY2026", "", claim.Forecast, ""}},
		{"comparison stays actual", "Plans\nMeta projected 2026 capital expenditures of $115 billion to $135 billion, up from $72 billion in 2025.", "2026-01-29", "$72 billion",
			want{"Meta", claim.Capex, 72e9, "USD", claim.Exact, "FY2025", "", claim.Actual, ""}},
		{"comparison year is not the period", "Results\nGlobex posted first-quarter sales of $9.1 billion, up 12% from the same period of 2025.", "2026-04-28", "12%",
			want{"Globex", claim.Growth, 12, "percent", claim.Exact, "2026-Q1", "yoy", claim.Actual, ""}},
		{"more than double is growth", "Results\nInitech's quarterly profit was $2 billion, more than double its profit a year earlier.", "", "more than double",
			want{"Initech", claim.Growth, 100, "percent", claim.MoreThan, "quarter", "yoy", claim.Actual, ""}},
		{"eps per diluted share", "Results\nUmbrella earned $1.68 per diluted share in the second quarter of 2025.", "", "$1.68",
			want{"Umbrella", claim.EPS, 1.68, "USD/share", claim.Exact, "2025-Q2", "", claim.Actual, ""}},
		{"deployed chips with a name", "Chips\nProject Rainier uses more than 500,000 Trainium2 chips, AWS says.", "", "500,000",
			want{"Project Rainier", claim.DeployedUnits, 500000, "count", claim.MoreThan, "", "", claim.Actual, "AWS"}},
		{"customers", "Cloud\nMore than 100,000 customers use Bedrock, according to AWS.", "", "100,000",
			want{"Bedrock", claim.Customers, 100000, "count", claim.MoreThan, "", "", claim.Actual, "AWS"}},
		{"valuation and funding", "Deal\nAnthropic raised $13 billion at a valuation of $183 billion.", "", "$183 billion",
			want{"Anthropic", claim.Valuation, 183e9, "USD", claim.Exact, "", "", claim.Actual, ""}},
		{"invested in a company", "Deal\nMicrosoft will invest up to $5 billion in Anthropic.", "", "$5 billion",
			want{"Anthropic", claim.Funding, 5e9, "USD", claim.UpTo, "", "", claim.Actual, ""}}, // a deal announced
		{"talks are a forecast", "Deal\nAcme is in talks to raise $2 billion from investors.", "", "$2 billion",
			want{"Acme", claim.Funding, 2e9, "USD", claim.Exact, "", "", claim.Forecast, ""}},
		{"target", "Goals\nHooli aims to reach 10 gigawatts of capacity by 2030.", "", "10 gigawatts",
			want{"Hooli", claim.Capacity, 10e9, "W", claim.Exact, "FY2030", "", claim.Target, ""}},
		{"margin", "Results\nTSMC said gross margin was 53.0% for the quarter.", "", "53.0%",
			want{"TSMC", claim.Margin, 53, "percent", claim.Exact, "quarter", "", claim.Actual, "TSMC"}},
		{"market share after for", "Share\nAWS held 30% of the market, against 20% for Microsoft.", "", "20%",
			want{"Microsoft", claim.MarketShare, 20, "percent", claim.Exact, "", "", claim.Actual, ""}},
		{"pronoun carries the company", "Oracle results\nOracle reported strong demand. The company said backlog rose to $455 billion.", "", "$455 billion",
			want{"Oracle", claim.Backlog, 455e9, "USD", claim.Exact, "", "", claim.Actual, "Oracle"}},
		{"ttm cash flow", "Cash\nAmazon's operating cash flow was $121.1 billion for the trailing twelve months.", "", "$121.1 billion",
			want{"Amazon", claim.OperatingCashFlow, 121.1e9, "USD", claim.Exact, "ttm", "", claim.Actual, ""}},
		{"according to a person", "Notes\nAccording to Andy Jassy, Trainium2 is a multibillion-dollar business with 1.4 million chips deployed.", "", "1.4 million",
			want{"Trainium2", claim.DeployedUnits, 1.4e6, "count", claim.Exact, "", "", claim.Actual, "Andy Jassy"}},
		{"currency restated", "Results\nSoftBank said net income reached ¥2.5 trillion ($16.2 billion) in the quarter.", "", "$16.2 billion",
			want{"SoftBank", claim.NetIncome, 16.2e9, "USD", claim.Exact, "quarter", "", claim.Actual, "SoftBank"}},
		{"a clause after a forecast is actual", "Outlook\nAcme raised its fiscal 2026 revenue forecast to $41 billion, after third-quarter sales rose 9% to $10.3 billion.", "2025-12-03", "$10.3 billion",
			want{"Acme", claim.Revenue, 10.3e9, "USD", claim.Exact, "2025-Q3", "", claim.Actual, ""}},
		{"absolute change", "Filing\nAlphabet said operating income increased $3.8 billion, or 14%, to $31.3 billion.", "", "$3.8 billion",
			want{"Alphabet", claim.Growth, 3.8e9, "USD", claim.Exact, "", "", claim.Actual, "Alphabet"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := claimFor(t, tt.text, tt.pub, tt.fig)
			if !ok {
				t.Fatalf("no claim for %q in %q", tt.fig, tt.text)
			}
			got := want{c.Subject, c.Metric, c.Value, c.Unit, c.Qualifier, c.Period, c.Basis, c.Modality, c.Attribution}
			if got != tt.want {
				t.Errorf("claim for %q:\n got %+v\nwant %+v", tt.fig, got, tt.want)
			}
			if c.Quote[c.Span[0]:c.Span[1]] != c.Figure() || !strings.Contains(c.Figure(), tt.fig) {
				t.Errorf("span %v of %q is not the figure", c.Span, c.Quote)
			}
			if c.ID == "" || c.ID != claim.NewID(c.Source.URL, c.Quote, c.Span, c.Metric) {
				t.Errorf("id %q is not NewID of the claim", c.ID)
			}
		})
	}
}

// TestExtractNotClaims holds near misses: numbers that are no claims.
func TestExtractNotClaims(t *testing.T) {
	tests := []struct {
		name, text, fig string
	}{
		{"year", "News\nAmazon was founded in 1994 and listed its shares in 1997.", "1994"},
		{"product name", "News\nNvidia ships the H100 and Microsoft sells Windows 11.", "100"},
		{"performance multiple", "News\nAWS says Trainium3 delivers 4x the performance of Trainium2.", "4x"},
		{"ticket price", "Event\nTickets for the Acme summit cost $1,295 per person.", "$1,295"},
		{"discount", "Event\nGroup discounts of 15% apply for Acme customers.", "15%"},
		{"tolerance", "Outlook\nNvidia expects revenue of $45.0 billion, plus or minus 2%.", "2%"},
		{"sports score", "Game\nRussell Westbrook had 29 points and 12 rebounds for the Thunder.", "29"},
		{"small count", "News\nThe two companies announced the deal on Monday.", "two"},
		{"ratio without a metric", "News\nAbout 40% of Acme employees work remotely.", "40%"},
		{"gadget power", "Review\nThe Acme phone charges at 40W with the bundled adapter.", "40W"},
		{"price target", "Note\nWe raise our Acme price target to $150 from $120.", "$150"},
		{"share price move", "Markets\nAcme shares rose 4% in extended trading to $248.", "4%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if c, ok := claimFor(t, tt.text, "", tt.fig); ok {
				t.Errorf("unexpected claim %s %s %v for %q", c.Subject, c.Metric, c.Value, c.Figure())
			}
		})
	}
}

func TestExtractDeterministic(t *testing.T) {
	text := "Results\nNvidia reported revenue of $44.1 billion, up 69% from a year earlier. It expects $45 billion next quarter."
	doc, _ := Read([]byte(text), claim.Source{URL: "https://x.test/n"})
	a, b := Extract(doc), Extract(doc)
	if diff := cmp.Diff(a, b); diff != "" || len(a) != 3 {
		t.Fatalf("two runs differ or miss claims (%d):\n%s", len(a), diff)
	}
}

func TestWithAliases(t *testing.T) {
	al, err := ParseAliases(strings.NewReader("# extra\nInitech: Initech Corporation, INTC-X\n"))
	if err != nil {
		t.Fatal(err)
	}
	e := New(WithAliases(al))
	doc, _ := Read([]byte("News\nInitech Corporation reported revenue of $2 billion."), claim.Source{})
	cs := e.Extract(doc)
	if len(cs) != 1 || cs[0].Subject != "Initech" {
		t.Fatalf("claims = %+v, want subject Initech", cs)
	}
	if _, err := ParseAliases(strings.NewReader("no colon here")); err == nil {
		t.Error("ParseAliases accepted a line without a colon")
	}
}

func ExampleExtract() {
	text := "AWS results\nAWS's AI business has reached a $15 billion annual revenue run rate, growing 150 percent quarter over quarter, GeekWire reported."
	doc, _ := Read([]byte(text), claim.Source{URL: "https://example.com/aws"})
	for _, c := range Extract(doc) {
		fmt.Println(c.Subject, c.Segment, c.Metric, claim.FormatValue(c), c.Qualifier, c.Basis, c.Attribution, c.Figure())
	}
	// Output:
	// AWS AI business revenue_run_rate $15.0B exact  GeekWire $15 billion
	// AWS AI business growth 150% exact qoq GeekWire 150 percent
}

// TestExtractTextTable reads a Markdown table: each column its period, each
// row its label's metric.
func TestExtractTextTable(t *testing.T) {
	text := "Acme results\nAcme Corp reported results for the quarter.\n\n| Metric | Q1 2025 | Q1 2024 |\n|---|---|---|\n| Revenue | $5.2 billion | $4.1 billion |\n| Operating margin | 31% | 28% |\n"
	doc, _ := Read([]byte(text), claim.Source{URL: "https://x.test/t"})
	type row struct {
		metric claim.Metric
		value  float64
		period string
	}
	var got []row
	for _, c := range Extract(doc) {
		if c.Subject != "Acme" {
			t.Errorf("subject %q", c.Subject)
		}
		got = append(got, row{c.Metric, c.Value, c.Period})
	}
	want := []row{{claim.Revenue, 5.2e9, "2025-Q1"}, {claim.Revenue, 4.1e9, "2024-Q1"}, {claim.Margin, 31, "2025-Q1"}, {claim.Margin, 28, "2024-Q1"}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(row{})); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestExtractNewsPhrasings covers phrasings met in real earnings coverage:
// a figure in a which-clause, a "Calif.-based company", analysts and
// market estimates that are no subject, a ticker in parentheses, a margin
// "in line with guidance" and a basis said as "in one quarter" or "compared
// to last year".
func TestExtractNewsPhrasings(t *testing.T) {
	const title = "Quarterly results\n"
	tests := []struct {
		name, text, fig  string
		subject, segment string
		metric           claim.Metric
		basis            string
		modality         claim.Modality
	}{
		{"an estimate noun is the estimate of the figure after it, not of the next metric", "Kestrel reported revenue that surpassed analyst expectations of $41.38 billion, with earnings per share reaching $6.43.",
			"$6.43", "Kestrel", "", claim.EPS, "", claim.Actual},
		{"an estimate noun names the figure right after it", "Kestrel reported revenue that surpassed analyst expectations of $41.38 billion, with earnings per share reaching $6.43.",
			"$41.38 billion", "Kestrel", "", claim.Revenue, "", claim.Forecast},
		{"the projected figure after an EPS is the EPS estimate", "Kestrel's earnings per share reached $6.43, outperforming the projected $5.22.",
			"$5.22", "Kestrel", "", claim.EPS, "", claim.Forecast},
		{"a reported result after a plan word is actual", "The jump in planned spending comes as Kestrel reported third-quarter revenue of $42.31 billion.",
			"$42.31 billion", "Kestrel", "", claim.Revenue, "", claim.Actual},
		{"what Wall Street was looking for is an estimate", "Wall Street was looking for third-quarter revenue of $41.4 billion at Kestrel.",
			"$41.4 billion", "Kestrel", "", claim.Revenue, "", claim.Forecast},
		{"a year not over yet can only be forecast", "Kestrel raised its capital expenditures for 2026 to $64 billion to $72 billion.",
			"$64 billion", "Kestrel", "", claim.Capex, "", claim.Forecast},
		{"a level after a change of a user count", "Kestrel has kept growing, with daily active people (DAP) climbing 5% year-over-year to 3.43 billion in March.",
			"3.43 billion", "Kestrel", "", claim.Users, "", claim.Actual},
		{"a change in -ing form", "Kestrel said on Monday that its subscriber count was climbing 5% a quarter.",
			"5%", "Kestrel", "subscriber count", claim.Growth, "qoq", claim.Actual},
		{"Daily opening a sentence is no company", "Kestrel reported results.\nDaily active people (DAP) climbed 5% to 3.43 billion.",
			"3.43 billion", "Kestrel", "", claim.Users, "", claim.Actual},
		{"the consensus at a figure is its estimate", "Kestrel's revenue jumped 18% to $77.7 billion, topping the analyst consensus at $75.4 billion.",
			"$75.4 billion", "Kestrel", "", claim.Revenue, "", claim.Forecast},
		{"a consensus figure of", "Kestrel's earnings per share jumped 23% to $4.13, well ahead of the analysts' consensus figure of $3.66.",
			"$3.66", "Kestrel", "", claim.EPS, "", claim.Forecast},
		{"one estimate noun over a list of two metrics", "Kestrel's results bested analyst estimates of $75.3 billion in revenue and $3.67 in EPS.",
			"$3.67", "Kestrel", "", claim.EPS, "", claim.Forecast},
		{"a segment of another metric's noun is not the figure's", "Kestrel's operating margin remained strong, hovering near 50%, and adjusted earnings per share jumped 23% to $4.13.",
			"$4.13", "Kestrel", "", claim.EPS, "", claim.Actual},
		{"a combined figure of a list of companies is theirs together", "Analysts model combined 2026 capital expenditures for Kestrel, Orbital, Brightline and Harrow Devices of $550 billion.",
			"$550 billion", "Kestrel, Orbital, Brightline and Harrow Devices", "", claim.Capex, "", claim.Forecast},
		{"a bracketed name inside a list of companies", "Google (Alphabet), Kestrel and Brightline each raised their forecasts, collectively surpassing $380 billion in planned spending.",
			"$380 billion", "Google (Alphabet), Kestrel and Brightline", "", claim.Capex, "", claim.Forecast},
		{"a comma after an attribution makes no list", "According to TechInsights, Kestrel shipped roughly 500,000 units in 2023.",
			"500,000", "Kestrel", "", claim.DeployedUnits, "", claim.Actual},
		{"a list after from is the object, not the owner", "Kestrel's multicloud revenue from Orbital, Brightline and Harrow Devices grew 150% in the quarter.",
			"150%", "Kestrel", "multicloud", claim.Growth, "", claim.Actual},
		{"the latest quarter", "Kestrel's backlog reached $455 billion in the latest quarter.",
			"$455 billion", "Kestrel", "", claim.Backlog, "", claim.Actual},
		{"a descriptor after a product is no segment", "ChatGPT creator inks a deal for 6 gigawatts of computing power.",
			"6 gigawatts", "OpenAI", "", claim.Capacity, "", claim.Actual},
		{"a product raises no money, its maker does", "ChatGPT's popularity helped close a $40 billion funding round led by SoftBank.",
			"$40 billion", "OpenAI", "", claim.Funding, "", claim.Actual},
		{"a clause opened by with has its own noun", "Kestrel's strategic push into enterprise software has paid off, with paid business users climbing to 5 million.",
			"5 million", "Kestrel", "", claim.Users, "", claim.Actual},
		{"a headline verb after a name is no segment", "ChatGPT surges to 700M weekly users",
			"700M", "ChatGPT", "", claim.Users, "", claim.Actual},
		{"a converted figure keeps the modality of the one it restates", "Kestrel reported net income of about T$452 billion (US$14.7 billion), outperforming analysts' projections of roughly T$418 billion.",
			"US$14.7 billion", "Kestrel", "", claim.NetIncome, "", claim.Actual},
		{"projections of a figure in the same currency", "Kestrel reported net income of about T$452 billion (US$14.7 billion), outperforming analysts' projections of roughly T$418 billion.",
			"T$418 billion", "Kestrel", "", claim.NetIncome, "", claim.Forecast},
		{"an investment plan is capital spending ahead", "Kestrel has also reaffirmed its US$100 billion investment plan to expand production.",
			"US$100 billion", "Kestrel", "", claim.Capex, "", claim.Forecast},
		{"a part that accounts for a share of revenue is no margin", "Kestrel's net profit rose to $14.76 billion, consisting of AI applications which account for 57 percent of revenue.",
			"57 percent", "Kestrel", "", claim.Other, "", claim.Actual},
		{"a title-case headline verb is no segment", "TSMC Smashes Records with Over 38% Profit Surge",
			"38%", "TSMC", "", claim.Growth, "", claim.Actual},
		{"the gap a figure beat an estimate by is no figure", "Kestrel's earnings per share climbed to $1.30, beating the consensus estimate of $1.26 by $0.04, or roughly 3%.",
			"$1.26", "Kestrel", "", claim.EPS, "", claim.Forecast},
		{"a margin lower than an earlier one is that margin", "Kestrel's gross margin was 73.4%, slightly lower than the 74.6% reported a year earlier.",
			"74.6%", "Kestrel", "gross", claim.Margin, "", claim.Actual},
		{"a figure forecasted by analysts is their estimate", "Kestrel raised its revenue guidance to $65 billion, above the $56.5 billion forecasted by analysts.",
			"$56.5 billion", "Kestrel", "", claim.Revenue, "", claim.Forecast},
		{"an estimate of the previous sentence's figure in the same unit", "Kestrel delivered revenue of $57 billion, up 62% year-over-year. This beat the analysts' estimates of $54.9 billion.",
			"$54.9 billion", "Kestrel", "", claim.Revenue, "", claim.Forecast},
		{"part of a year not over is no forecast", "In the first half of fiscal year 2026, Nvidia's income tax expense was $7.9 billion.",
			"$7.9 billion", "Nvidia", "", claim.Expenses, "", claim.Actual},
		{"shares bought for an amount is no unit price", "Through August 26, 2025, Nvidia repurchased 20 million shares for $3.5 billion.",
			"$3.5 billion", "Nvidia", "", claim.Other, "", claim.Actual},
		{"an industrial name is a company, not a person", "Layoffs rose in November. Eastman Chemical said it would cut about 980 jobs.",
			"980", "Eastman Chemical", "", claim.Employees, "", claim.Forecast},
		{"a decision is no segment", "The cuts follow Kestrel's decision last week to slash nearly 3,300 jobs.",
			"3,300", "Kestrel", "", claim.Employees, "", claim.Actual},
		{"a speaker after an opening phrase is the subject of its own figure", "SK Hynix posted a record profit. In comparison, Samsung Electronics estimated its fourth-quarter operating profit at 6.5 trillion won.",
			"6.5 trillion won", "Samsung", "", claim.OperatingIncome, "", claim.Actual},
		{"the noun after a bracketed restatement names both figures", "According to its earnings report, Kestrel posted a record 8.08 trillion won (US$5.62 billion) in operating profit.",
			"8.08 trillion won", "Kestrel", "", claim.OperatingIncome, "", claim.Actual},
		{"a label with a slash is no company", "Kestrel reported results.\nAchieved record Q3 revenue of $16 billion (+22% Y/Y) and adjusted EBITDA of $10.7 billion.",
			"$16 billion", "Kestrel", "", claim.Revenue, "", claim.Actual},
		{"a product line of generic words is no company", "Kestrel reported results.\nInfrastructure Software (VMware) revenue was $6.6 billion (+25% YoY).",
			"$6.6 billion", "Kestrel", "", claim.Revenue, "", claim.Actual},
		{"orders a customer adds are no change", "Bookings were strong, with a fourth Kestrel customer adding over $10 billion in orders.",
			"$10 billion", "Kestrel", "", claim.Other, "", claim.Actual},
		{"a stake is a holding, not growth", "Orbital took a 10% stake in Kestrel last year.",
			"10%", "Orbital", "", claim.Other, "", claim.Actual},
		{"a percent of a market is a share of it", "Kestrel has roughly 90% of the AI-accelerator market.",
			"90%", "Kestrel", "", claim.MarketShare, "", claim.Actual},
		{"value added is a change", "Kestrel shares rallied, with Kestrel adding roughly $100 billion in value.",
			"$100 billion", "Kestrel", "", claim.Growth, "", claim.Actual},
		{"scheduled to begin is a forecast", "Kestrel's first 1 gigawatt deployment is scheduled to begin next year.",
			"1 gigawatt", "Kestrel", "", claim.Capacity, "", claim.Forecast},
		{"executives are no segment", "Kestrel's executives expect the deal to generate more than $100 billion in revenue over four years.",
			"$100 billion", "Kestrel", "", claim.Revenue, "", claim.Forecast},
		{"a verb after the name is no segment", "Kestrel confirmed a pact to deploy about 6 gigawatts of GPUs.",
			"6 gigawatts", "Kestrel", "", claim.Capacity, "", claim.Actual},
		{"a change word ending a compound adjective is none", "Kestrel posted a jaw-dropping $57 billion in revenue.",
			"$57 billion", "Kestrel", "", claim.Revenue, "", claim.Actual},
		{"the level a rate fell from is no decline", "Kestrel's cloud growth slowed in the quarter, dropping from 49% a year ago to 37%.",
			"49%", "Kestrel", "cloud", claim.Growth, "", claim.Actual},
		{"a growth verb: skyrocketed", "Kestrel's backlog skyrocketed by 359% to reach $455 billion.",
			"359%", "Kestrel", "backlog", claim.Growth, "", claim.Actual},
		{"a business that grew to a sum grew in sales", "Kestrel expects its cloud unit to balloon 77% to $18 billion.",
			"$18 billion", "Kestrel", "cloud unit", claim.Revenue, "", claim.Forecast},
		{"a cue inside a which clause is not the figure's", "Kestrel's backlog, which is business signed but not yet recognized as revenue, has been about $97 or $98 billion.",
			"$97 or $98 billion", "Kestrel", "", claim.Backlog, "", claim.Actual},
		{"a product line alone is no company", "Kestrel reported results.\nQ1 Cloud Infrastructure (IaaS) Revenue $2.2 billion, up 45% in USD and up 46% in constant currency",
			"$2.2 billion", "Kestrel", "", claim.Revenue, "", claim.Actual},
		{"a headline verb ends a possessive's segment", "Kestrel's contract backlog balloons to $455 billion",
			"$455 billion", "Kestrel", "contract backlog", claim.Backlog, "", claim.Actual},
		{"a possessive right before the figure owns it", "The FTC opened an inquiry into Brightline's $4.2 billion purchase of Orbital Foundry.",
			"$4.2 billion", "Brightline", "", claim.Other, "", claim.Actual},
		{"an evaluative adjective is no segment", "Kestrel's whopping $12 billion cloud contract with Brightline runs for six years.",
			"$12 billion", "Kestrel", "", claim.Commitment, "", claim.Actual},
		{"a data center funding round is funding", "Kestrel closed a $7 billion data center funding round led by private lenders.",
			"$7 billion", "Kestrel", "", claim.Funding, "", claim.Actual},
		{"a name ending in an acronym is a company, not a person", "Harrow AI said on Monday it had raised $600 million in a funding round.",
			"$600 million", "Harrow AI", "", claim.Funding, "", claim.Actual},
		{"a series letter is no company", "Harrow AI said it had raised $600 million.\nIn 2023, it raised $90 million in a series C round that valued it at about $1.1 billion.",
			"$1.1 billion", "Harrow AI", "", claim.Valuation, "", claim.Actual},
		{"a participle a few words before the figure", "Harrow AI raised $600 million in a round led by Kestrel Ventures with help from Orbital, valuing the young data company at nearly $5 billion.",
			"$5 billion", "Harrow AI", "", claim.Valuation, "", claim.Actual},
		{"it in a paragraph about another company", "Kestrel raised $900 million in May, the largest round of the month. Kestrel said the money would go to chips.\nOrbital Labs closed a $300 million round led by Harrow. The company's valuation nearly doubled from five months ago, when it was valued at $2 billion.",
			"$2 billion", "Orbital Labs", "", claim.Valuation, "", claim.Actual},
		{"a number after its is no segment", "Kestrel is cutting about 9% of its 3,860 employees worldwide.",
			"3,860", "Kestrel", "", claim.Employees, "", claim.Actual},
		{"a corporate suffix is no segment", "Kestrel Corp. posted a net loss of $102 million.",
			"$102 million", "Kestrel", "", claim.NetIncome, "", claim.Actual},
		{"a pollster's full name is the source", "Kestrel reported revenue of $616 million.\nAnalysts polled by Zacks Investment Research expected revenue of $605 million.",
			"$605 million", "Kestrel", "", claim.Revenue, "", claim.Forecast},
		{"a part of a total is no growth", "Kestrel's ad revenue rose 6% to $545 million, with mobile ads making up 90% of total ad revenue.",
			"90%", "Kestrel", "", claim.Other, "", claim.Actual},
		{"spending on severance is an expense", "Kestrel said it will spend $10 million to $20 million on severance packages.",
			"$10 million to $20 million", "Kestrel", "", claim.Expenses, "", claim.Forecast},
		{"a comma list of parts of a total", "Kestrel reported revenue of $5 billion.\nThree customers accounted for 23%, 19% and 14% of our accounts receivable balance.",
			"19%", "Kestrel", "", claim.Other, "", claim.Actual},
		{"the fair value of an investment is no funding", "Kestrel reported revenue of $5 billion.\nThe fair value of the investment as of July 27 was $2.8 billion.",
			"$2.8 billion", "Kestrel", "", claim.Other, "", claim.Actual},
		{"a nationality is no company", "South Korean chipmaker Kestrel Semiconductor said its operating profit rose 62 percent on-year.",
			"62 percent", "Kestrel Semiconductor", "operating", claim.Growth, "yoy", claim.Actual},
		{"an average forecast after the figure is of the same metric", "Kestrel posted an operating profit of $8.1 billion, slightly above the $8 billion average forecast by a data firm.",
			"$8 billion", "Kestrel", "", claim.OperatingIncome, "", claim.Forecast},
		{"a parent described by its products", "Kestrel reported results.\nThe Instagram and WhatsApp owner is planning to raise up to $30 billion through bond offerings.",
			"$30 billion", "Meta", "", claim.Funding, "", claim.Forecast},
		{"an unknown product's owner is the company", "Kestrel reported results.\nThe Brightline and Orbital owner expects capital expenditures of $7 billion.",
			"$7 billion", "Kestrel", "", claim.Capex, "", claim.Forecast},
		{"a spending word after its is no segment", "Kestrel Systems increased its spending forecast to between $9 billion and $10 billion.",
			"$9 billion", "Kestrel Systems", "", claim.Capex, "", claim.Forecast},
		{"cash flows from operations", "Kestrel said cash flows from operations were $1.69 billion.",
			"$1.69 billion", "Kestrel", "", claim.OperatingCashFlow, "", claim.Actual},
		{"a leading segment before ARR", "Kestrel reported results.\nCreative ARR grew to $11.28 billion and document ARR grew to $2.39 billion.",
			"$11.28 billion", "Kestrel", "Creative", claim.RevenueRunRate, "", claim.Actual},
		{"an adverb before the verb is no segment", "Kestrel Systems quietly hit $1 billion in annualized revenue.",
			"$1 billion", "Kestrel Systems", "", claim.RevenueRunRate, "", claim.Actual},
		{"a place and a descriptor is the company", "Kestrel Labs raised money last year.\nThe Bengaluru startup has reached a $50 million annualized revenue run rate.",
			"$50 million", "Kestrel Labs", "", claim.RevenueRunRate, "", claim.Actual},
		{"a nationality opens a company's name", "American Express reported revenue of $17.9 billion.",
			"$17.9 billion", "American Express", "", claim.Revenue, "", claim.Actual},
		{"which-clause names are objects", "Kestrel posted record warehouse revenue, which included the Brightline acquisition and grew 31% from a year earlier.",
			"31%", "Kestrel", "", claim.Growth, "yoy", claim.Actual},
		{"a place before -based", "Kestrel reported revenue of $410 million.\nThe Austin, Texas-based company reported net income of $52 million.",
			"$52 million", "Kestrel", "", claim.NetIncome, "", claim.Actual},
		{"analysts are no subject", "Kestrel reported revenue of $410 million.\nAnalysts expected $395 million in revenue.",
			"$395 million", "Kestrel", "", claim.Revenue, "", claim.Forecast},
		{"market estimates are no subject", "Kestrel reported revenue of $410 million.\nMarket estimates are for $430 million in revenue next quarter.",
			"$430 million", "Kestrel", "", claim.Revenue, "", claim.Forecast},
		{"ticker aside is no segment", "Kestrel's (NYSE:KSTR) warehouse revenue rose to $300 million.",
			"$300 million", "Kestrel", "warehouse", claim.Revenue, "", claim.Actual},
		{"in line with guidance stays actual", "Kestrel said gross margin was 44%, in line with guidance.",
			"44%", "Kestrel", "", claim.Margin, "", claim.Actual},
		{"in one quarter is qoq", "Kestrel's warehouse revenue rose 25% in just one quarter and 61% compared to last year.",
			"25%", "Kestrel", "warehouse", claim.Growth, "qoq", claim.Actual},
		{"a month before a name is no preposition", "Kestrel raised $90 million in March.\nIn October, Brightline raised $40 million from investors.",
			"$40 million", "Brightline", "", claim.Funding, "", claim.Actual},
		{"backed by is an aside", "Kestrel raised $90 million.\nBrightline, backed by Kestrel and Orbital, is assembling a round of up to $500 million.",
			"$500 million", "Brightline", "", claim.Funding, "", claim.Actual},
		{"a dashed which-clause reads back to a known company", "Kestrel invested $40 million in Anthropic — which had raised $110 million before this round — and took a 10% stake.",
			"$110 million", "Anthropic", "", claim.Funding, "", claim.Actual},
		{"an adverb is no segment", "Kestrel previously invested $40 million in Brightline.",
			"$40 million", "Brightline", "", claim.Funding, "", claim.Actual},
		{"an investment in a deal is funding", "Brightline is close to securing a $200 million investment in a deal led by Kestrel.",
			"$200 million", "Brightline", "", claim.Funding, "", claim.Actual},
		{"an inserted attribution is the source", "Kestrel Robotics closed a $300 million loan in July, Morgan Stanley said at the time, taking the total it has raised to $900 million.",
			"$900 million", "Kestrel Robotics", "", claim.Funding, "", claim.Actual},
		{"an elided list names each company", "Kestrel set 2026 capex at about $20 billion, Brightline at $12 billion and Orbital at $9 billion.",
			"$12 billion", "Brightline", "", claim.Capex, "", claim.Forecast},
		{"the last of an elided list", "Kestrel set 2026 capex at about $20 billion, Brightline at $12 billion and Orbital at $9 billion.",
			"$9 billion", "Orbital", "", claim.Capex, "", claim.Forecast},
		{"an executive is no segment", "Kestrel's CFO Dana Whitcombe attributed $2 billion of the company's capital spending to memory prices.",
			"$2 billion", "Kestrel", "", claim.Capex, "", claim.Actual},
		{"joint subjects: the first named leads", "Kestrel, Orbital and Brightline will co-develop data centers covering about 2 gigawatts.",
			"2 gigawatts", "Kestrel", "", claim.Capacity, "", claim.Forecast},
		{"the unit is the one last written about", "Kestrel's revenue rose 9% to $400 million.\nBrightline's cloud revenue jumped 45% to $40 million. However, the unit narrowed its loss to $9 million.",
			"$9 million", "Brightline", "", claim.NetIncome, "", claim.Actual},
		{"worth links a backlog to its figure", "Kestrel said it had a backlog of contracts worth some $52.9 million as of March 31.",
			"$52.9 million", "Kestrel", "", claim.Backlog, "", claim.Actual},
		{"a name after a possessive is a part of the company", "Kestrel's revenue rose 9%.\nOrbital's Intelligent Cloud unit recorded $15.1 million in revenue.",
			"$15.1 million", "Orbital", "Intelligent Cloud", claim.Revenue, "", claim.Actual},
		{"a participle clause belongs to the sentence's subject", "Kestrel expanded its partnership with Orbital, committing over $100 million in spending.",
			"$100 million", "Kestrel", "", claim.Capex, "", claim.Actual},
		{"an estimate after an earlier figure is that figure's", "Kestrel reported adjusted EPS of $1.99 a share versus the $1.92 a share estimate and revenue of $1.1 billion versus the $1.13 billion estimate.",
			"$1.1 billion", "Kestrel", "", claim.Revenue, "", claim.Actual},
		{"versus the estimate is a forecast", "Kestrel reported adjusted EPS of $1.99 a share versus the $1.92 a share estimate and revenue of $1.1 billion versus the $1.13 billion estimate.",
			"$1.13 billion", "Kestrel", "", claim.Revenue, "", claim.Forecast},
		{"a product line with Cloud in its name is a segment", "Kestrel reported results.\nDocument Cloud ARR grew to $2.39 million and Kestrel's Digital Media Annualized Recurring Revenue was $410 million.",
			"$2.39 million", "Kestrel", "Document Cloud", claim.RevenueRunRate, "", claim.Actual},
		{"metric words do not end a segment", "Kestrel reported results.\nDocument Cloud ARR grew to $2.39 million and Kestrel's Digital Media Annualized Recurring Revenue was $410 million.",
			"$410 million", "Kestrel", "Digital Media", claim.RevenueRunRate, "", claim.Actual},
		{"a bracketed consensus is a forecast", "Kestrel's warehouse revenue was $1.65 million (consensus: $1.41 million).",
			"$1.41 million", "Kestrel", "warehouse", claim.Revenue, "", claim.Forecast},
		{"a share listed after 'and' keeps the metric", "Kestrel held 62% of robot shipments, against 21% for Orbital and 17% for Brightline.",
			"17%", "Brightline", "", claim.MarketShare, "", claim.Actual},
		{"an investor putting up money funds the company raising it", "Brightline has raised $40 million in a new round.\nKestrel is putting up $30 million of the total.",
			"$30 million", "Brightline", "", claim.Funding, "", claim.Actual},
		{"users in a which-clause are the antecedent's", "Kestrel results\nThe breakthrough came with the success of Anthropic in 2023, which by 2025 had more than 30 million weekly active users.",
			"30 million", "Anthropic", "", claim.Users, "", claim.Actual},
		{"an actual that surpasses the estimate stays actual", "Kestrel reported adjusted EPS of $4.13, surpassing Wall Street's estimate of $3.67.",
			"$4.13", "Kestrel", "", claim.EPS, "", claim.Actual},
		{"the estimate of a figure shares its metric", "Kestrel reported adjusted EPS of $4.13, surpassing Wall Street's estimate of $3.67.",
			"$3.67", "Kestrel", "", claim.EPS, "", claim.Forecast},
		{"beats estimates is no forecast", "Kestrel reported its results.\nKestrel beats estimates as warehouse revenue hits $40 million",
			"$40 million", "Kestrel", "", claim.Revenue, "", claim.Actual},
		{"compared to last year is yoy", "Kestrel's warehouse revenue rose 25% in just one quarter and 61% compared to last year.",
			"61%", "Kestrel", "warehouse", claim.Growth, "yoy", claim.Actual},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := claimFor(t, title+tt.text, "2025-11-20", tt.fig)
			if !ok {
				t.Fatalf("no claim for %q", tt.fig)
			}
			if c.Subject != tt.subject || c.Metric != tt.metric || c.Basis != tt.basis || c.Modality != tt.modality ||
				tt.segment != "" && c.Segment != tt.segment || tt.segment == "" && c.Segment != "" && c.Segment != "revenue" {
				t.Errorf("got subject %q segment %q metric %s basis %q modality %s; want %q %q %s %q %s",
					c.Subject, c.Segment, c.Metric, c.Basis, c.Modality, tt.subject, tt.segment, tt.metric, tt.basis, tt.modality)
			}
		})
	}
}

// TestDealParties: who a deal's figure belongs to and who the other party
// is, when the sentence names them before the figure.
func TestDealParties(t *testing.T) {
	const title = "Kestrel and Brightline\nKestrel reported results.\nBrightline said it signed a hosting contract with Kestrel.\n"
	tests := []struct {
		name, text, fig, subject, counterparty string
		metric                                 claim.Metric
	}{
		{"an agreement with a party before the figure",
			"Shares of Orbital rose 6%, with the company also entering into an agreement with Harrow Devices to buy servers for about $2.1 billion.",
			"$2.1 billion", "Orbital", "Harrow Devices", claim.Commitment},
		{"its right before the figure is the sentence's subject",
			"Orbital expects the Kestrel racks to be installed in stages at its 400-megawatt campus near Abilene.",
			"400-megawatt", "Orbital", "", claim.Capacity},
		{"the supplier of a capacity deal", "Orbital will deploy 6 gigawatts of AMD graphics processors over several years.",
			"6 gigawatts", "Orbital", "AMD", claim.Capacity},
		{"two names that strike a deal", "Oracle and AMD strike 6-gigawatt chip deal",
			"6-gigawatt", "Oracle", "AMD", claim.Capacity},
		{"the company invested in is the one the paragraph opened with",
			"Orbital raised $900 million on Monday. Harrow Devices invested $300 million in the company.",
			"$300 million", "Orbital", "Harrow Devices", claim.Funding},
		{"it as the party a commitment goes to",
			"Orbital raised $900 million on Monday. Harrow Devices committed $300 million to it.",
			"$300 million", "Harrow Devices", "Orbital", claim.Commitment},
		{"the company, with no paragraph topic, is the document's",
			"Harrow Devices committed $300 million to the company.",
			"$300 million", "Harrow Devices", "Kestrel", claim.Commitment},
		{"a business after an article is no revenue cue",
			"Harrow Devices invested $300 million in the business.",
			"$300 million", "Kestrel", "Harrow Devices", claim.Funding},
		{"a business the figure sizes is revenue",
			"Harrow Devices runs a $300 million-a-year business in servers.",
			"$300 million", "Harrow Devices", "", claim.Revenue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := claimFor(t, title+tt.text, "2025-11-20", tt.fig)
			if !ok {
				t.Fatalf("no claim for %q", tt.fig)
			}
			if c.Subject != tt.subject || c.Counterparty != tt.counterparty || c.Metric != tt.metric {
				t.Errorf("got subject %q counterparty %q metric %s; want %q %q %s", c.Subject, c.Counterparty, c.Metric,
					tt.subject, tt.counterparty, tt.metric)
			}
		})
	}
}

// TestShareMovesAreNoClaims: a stock's move over a day or a week is no
// business figure.
func TestShareMovesAreNoClaims(t *testing.T) {
	for _, text := range []string{
		"Market wrap\nThe selloff left Kestrel down about 14% for the week.",
		"Market wrap\nKestrel fell 3.1% on the day after the report.",
		"Market wrap\nBrightline has declined by 1.7% so far this week.",
		"Market wrap\nThe backlog figure triggered a 40% rise in Kestrel's stock.",
		"Market wrap\nThe report set off an 8% slide in its shares.",
		"Market wrap\nKestrel shares surging over 23% set the tone.",
		"Market wrap\nKestrel reported results. The price dropped 3% on concerns about its spending.",
		"Market wrap\nKestrel reported results. Each gigawatt of data center will cost Kestrel $50 to $60 billion.",
		"Market wrap\nKestrel reported results. Orbital can buy up to 160 million Kestrel shares for $0.01 per share.",
		"Market wrap\nKestrel reported results. Kestrel gained about $255 billion in a single session.",
		"Market wrap\nKestrel reported results. Kestrel's stock has climbed close to 40% so far this year.",
	} {
		doc, err := Read([]byte(text), claim.Source{URL: "https://x.test/m"})
		if err != nil {
			t.Fatal(err)
		}
		if cs := Extract(doc); len(cs) != 0 {
			t.Errorf("%q: got %d claims, first %s %v", text, len(cs), cs[0].Metric, cs[0].Value)
		}
	}
}

// TestToleranceIsNoFigure: the "+/- 2%" of a guided figure is its
// tolerance, not a figure of its own.
func TestToleranceIsNoFigure(t *testing.T) {
	for _, text := range []string{
		"Kestrel results\nKestrel expects revenue of $65 billion (+/- 2%) next quarter.",
		"Kestrel results\nKestrel expects a gross margin of 75% (± 0.5%) next quarter.",
	} {
		doc, err := Read([]byte(text), claim.Source{URL: "https://x.test/t", Published: "2025-11-19"})
		if err != nil {
			t.Fatal(err)
		}
		cs := Extract(doc)
		if len(cs) != 1 {
			t.Errorf("%q: got %d claims, want the guided figure alone", text, len(cs))
		}
		for _, c := range cs {
			if c.Value < 10 {
				t.Errorf("%q: the tolerance %g became a %s claim", text, c.Value, c.Metric)
			}
		}
	}
}

// TestBeatGapIsNoFigure: "beating the estimate of $1.26 by $0.04, or 3%"
// states two figures and their difference; the difference is no claim.
func TestBeatGapIsNoFigure(t *testing.T) {
	doc, err := Read([]byte("Kestrel results\nKestrel's earnings per share climbed to $1.30, beating the consensus estimate of $1.26 by $0.04, or roughly 3%."),
		claim.Source{URL: "https://x.test/b", Published: "2025-11-19"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[float64]claim.Metric{}
	for _, c := range Extract(doc) {
		got[c.Value] = c.Metric
	}
	if got[1.30] != claim.EPS || got[1.26] != claim.EPS {
		t.Errorf("the two EPS figures: got %v", got)
	}
	for _, v := range []float64{0.04, 3} {
		if m, ok := got[v]; ok {
			t.Errorf("the gap %g became a %s claim", v, m)
		}
	}
}

// TestMarketWideFiguresHaveNoOwner: a figure many companies make together
// belongs to none of them, least of all the one the article is about.
func TestMarketWideFiguresHaveNoOwner(t *testing.T) {
	const text = "Kestrel raises $500 million\nKestrel raised $500 million on Tuesday.\n" +
		"AI startups raised $21 billion in venture funding in the second quarter, according to a data provider.\n" +
		"Six rounds topped $1 billion this month.\n" +
		"Big Tech's $380 billion building spree shows no sign of slowing.\n" +
		"Both companies expect the venture to spend $2 billion next year.\n" +
		"In 2024, global venture capital funding reached $285 billion, with the average seed round now exceeding $3 million.\n" +
		"A Series A might raise $4-9 million, Series B $16-45 million.\n"
	doc, err := Read([]byte(text), claim.Source{URL: "https://x.test/m", Published: "2025-07-10"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[float64]string{}
	for _, c := range Extract(doc) {
		got[c.Value] = c.Subject
	}
	for _, v := range []float64{21e9, 1e9, 380e9, 285e9, 3e6, 4e6, 16e6} {
		if s, ok := got[v]; ok {
			t.Errorf("%g: got a claim of %q, want none", v, s)
		}
	}
	for _, v := range []float64{500e6, 2e9} { // a named group still reads as before
		if got[v] != "Kestrel" {
			t.Errorf("%g: got subject %q, want Kestrel", v, got[v])
		}
	}
}

// TestSameValueFarApart: a figure may borrow the metric of an equal figure
// told shortly before, not of one told pages earlier.
func TestSameValueFarApart(t *testing.T) {
	var b strings.Builder
	b.WriteString("Kestrel quarterly report\nKestrel filed its quarterly report on Friday.\n")
	for i := range 4 {
		fmt.Fprintf(&b, "Kestrel named regional manager number %d.\n", i+1)
	}
	b.WriteString("Kestrel said its backlog was $1.9 billion at the end of the quarter.\n")
	for i := range 15 {
		fmt.Fprintf(&b, "Kestrel opened office number %d in a new city.\n", i+1)
	}
	b.WriteString("The figure across all of those sites came to $1.9 billion.\n")
	c, ok := claimFor(t, b.String(), "2025-08-01", "$1.9 billion")
	if !ok || c.Metric != claim.Backlog {
		t.Fatalf("first $1.9 billion: %v %s, want backlog", ok, c.Metric)
	}
	doc, err := Read([]byte(b.String()), claim.Source{URL: "https://x.test/r", Published: "2025-08-01"})
	if err != nil {
		t.Fatal(err)
	}
	cs := Extract(doc)
	if last := cs[len(cs)-1]; last.Value != 1.9e9 || last.Metric != claim.Other {
		t.Errorf("the later $1.9 billion: %v %s, want other", last.Value, last.Metric)
	}
}

// TestRegistrant: a filing is about its registrant, named on the cover, not
// about the statutes and boilerplate in capitals around it.
func TestRegistrant(t *testing.T) {
	cover := "FORM 10-Q\n\nQUARTERLY REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE SECURITIES EXCHANGE ACT OF 1934\n\n" +
		"%s\n\n(Exact name of registrant as specified in its charter)\n\n" +
		"Securities registered pursuant to Section 12(b) of the Act: none.\n\n" +
		"Revenue was $412 million, up 9% from a year ago.\n"
	for name, want := range map[string]string{"KESTREL ROBOTICS, INC.": "Kestrel Robotics", "NVIDIA CORPORATION": "Nvidia", "Orbital Data Corp.": "Orbital Data"} {
		doc, err := Read([]byte(fmt.Sprintf(cover, name)), claim.Source{URL: "https://sec.example/10q.htm", Kind: claim.KindFiling})
		if err != nil {
			t.Fatal(err)
		}
		cs := Extract(doc)
		if len(cs) != 2 {
			t.Fatalf("%s: %d claims, want 2: %+v", name, len(cs), cs)
		}
		for _, c := range cs {
			if c.Subject != want {
				t.Errorf("%s: subject %q, want %q (%s)", name, c.Subject, want, c.Figure())
			}
		}
	}
}

// TestHeadingRowScale: "($ in millions)" in the column headings scales the
// table's bare numbers, as a caption above it does.
func TestHeadingRowScale(t *testing.T) {
	text := "Kestrel quarterly summary\nKestrel reported its results.\n\n" +
		"Three Months Ended Jul 27, 2025 ($ in millions) | Three Months Ended Jul 28, 2024 ($ in millions) | Year-over-Year Change\n\n" +
		"Revenue | $ 4,674 | $ 3,004 | 56%\n\nThe quarter was strong.\n\nRevenue | 12 | 10\n"
	doc, err := Read([]byte(text), claim.Source{URL: "https://x.test/t", Published: "2025-08-27"})
	if err != nil {
		t.Fatal(err)
	}
	var got []float64
	for _, c := range Extract(doc) {
		if c.Metric == claim.Revenue {
			got = append(got, c.Value)
		}
	}
	want := []float64{4674e6, 3004e6}
	if len(got) < 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("revenue values = %v, want %v first", got, want)
	}
	for _, v := range got[2:] {
		if v > 1e3 {
			t.Errorf("a table after prose kept the old scale: %v", v)
		}
	}
}

// TestBalanceSheetRows: what a company holds or owes is no revenue, funding,
// user count or capex, though its line's words name those.
func TestBalanceSheetRows(t *testing.T) {
	text := "Kestrel balance sheet\nKestrel reported its balance sheet.\n\nCondensed Balance Sheets\n\n(In millions)\n\n" +
		"| | Jul 27, 2025 | Jan 26, 2025 |\n" +
		"| Accounts receivable | 4,743 | 4,133 |\n" +
		"| Total shareholders' equity | 100,131 | 79,327 |\n" +
		"| Property and equipment, net | 9,141 | 6,283 |\n" +
		"| Purchases of property and equipment | 3,122 | 1,346 |\n"
	doc, err := Read([]byte(text), claim.Source{URL: "https://x.test/bs", Published: "2025-08-27"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]claim.Metric{}
	for _, c := range Extract(doc) {
		label, _, _ := strings.Cut(strings.Trim(c.Quote, "| "), " |")
		got[label] = c.Metric
	}
	want := map[string]claim.Metric{"Accounts receivable": claim.Other, "Total shareholders' equity": claim.Other,
		"Property and equipment, net": claim.Other, "Purchases of property and equipment": claim.Capex}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("row metrics (-want +got):\n%s", diff)
	}
}

// TestBracketedChange: "(2%)" in a change column is a decline.
func TestBracketedChange(t *testing.T) {
	text := "Kestrel results\nKestrel reported results.\n\n| | Q1 FY26 | Q1 FY25 | % Change |\n" +
		"| Diluted earnings per share | $ 1.01 | $ 1.03 | (2%) |\n| Revenue | $ 14.9 | $ 13.3 | 12% |\n"
	doc, err := Read([]byte(text), claim.Source{URL: "https://x.test/c"})
	if err != nil {
		t.Fatal(err)
	}
	var growth []float64
	for _, c := range Extract(doc) {
		if c.Metric == claim.Growth {
			growth = append(growth, c.Value)
		}
	}
	if len(growth) != 2 || growth[0] != -2 || growth[1] != 12 {
		t.Errorf("growth = %v, want [-2 12]", growth)
	}
}

// TestFiscalCalendars: a company whose year does not end in December names
// its quarters by its fiscal year.
func TestFiscalCalendars(t *testing.T) {
	tests := []struct {
		name, text, pub, fig, period string
	}{
		{"a quarter ended in August is Oracle's first", "Oracle results\nOracle reported revenue of $14.9 billion for the quarter ended August 31, 2025.", "2025-09-09", "$14.9 billion", "FY2026-Q1"},
		{"Nvidia's quarter ended in April", "Nvidia results\nNvidia reported revenue for the first quarter ended April 27, 2025, of $44.1 billion.", "2025-05-28", "$44.1 billion", "FY2026-Q1"},
		{"fiscal Q1 without a year after it ended", "Microsoft results\nMicrosoft said Azure revenue rose 40% in fiscal Q1.", "2025-10-30", "40%", "FY2026-Q1"},
		{"a guided fiscal quarter ahead", "Microsoft results\nMicrosoft expects Azure revenue to grow 37% in fiscal Q2.", "2025-10-30", "37%", "FY2026-Q2"},
		{"a calendar company keeps calendar quarters", "Amazon results\nAmazon reported revenue of $180.2 billion for the quarter ended September 30, 2025.", "2025-10-30", "$180.2 billion", "2025-Q3"},
		{"a bare quarter of a fiscal-year company is fiscal", "Nvidia results\nNvidia said second-quarter revenue rose to $46.7 billion.", "2025-08-27", "$46.7 billion", "FY2026-Q2"},
		{"a month's quarter", "Kestrel results\nKestrel posted an operating profit of $8.1 billion in the December quarter.", "2025-01-23", "$8.1 billion", "2024-Q4"},
		{"a span of months", "Kestrel results\nKestrel reported an operating profit of $9.2 billion for the April-June period.", "2025-07-24", "$9.2 billion", "2025-Q2"},
		{"a month's quarter ahead at a fiscal-year company", "Microsoft results\nMicrosoft said capital spending in the September quarter would exceed $30 billion.", "2025-07-30", "$30 billion", "FY2026-Q1"},
		{"the current quarter of a fiscal-year company", "Nvidia results\nNvidia expects revenue of $65 billion in the current quarter.", "2025-11-19", "$65 billion", "FY2026-Q4"},
		{"fiscal before the ordinal", "Microsoft results\nMicrosoft reported revenue of $77.7 billion for its fiscal first quarter of 2026.", "2025-10-30", "$77.7 billion", "FY2026-Q1"},
		{"the upcoming quarter", "Microsoft results\nAzure is expected to grow about 37% in the upcoming quarter.", "2025-10-30", "37%", "FY2026-Q2"},
		{"an estimate of a quarter that just closed", "Microsoft results\nMicrosoft reported a 33% revenue increase in its Azure division for the quarter ending March 31, well ahead of analysts' estimates of 29.7%.", "2025-05-01", "29.7%", "FY2025-Q3"},
		{"a 52/53-week quarter ending early in a month", "Broadcom results\nBroadcom reported revenue of $15.95 billion for the quarter ended August 3, 2025.", "2025-09-04", "$15.95 billion", "FY2025-Q3"},
		{"a bare quarter after the fiscal year was named", "Adobe results\nAdobe's revenue in its first quarter of fiscal year 2023 was $4.66 billion.\nOperating income in the first quarter was $1.59 billion.", "2023-03-15", "$1.59 billion", "FY2023-Q1"},
		{"three months ended reads the fiscal calendar", "Microsoft results\nMicrosoft's revenue was $77.7 billion for the three months ended September 30, 2025.", "2025-10-30", "$77.7 billion", "FY2026-Q1"},
		{"a table column of three months ended", "Microsoft results\n| Three Months Ended September 30, 2025 | Three Months Ended September 30, 2024\nRevenue | $77,673 | $65,585\n", "2025-10-30", "$77,673", "FY2026-Q1"},
		{"a fiscal year then its quarter", "Oracle Reports Fiscal 2025 First Quarter Results\nAUSTIN -- Oracle released its results.\nCloud revenues were up 21% to $5.6 billion.", "2024-09-09", "$5.6 billion", "FY2025-Q1"},
		{"FY then Q in a headline", "Oracle Reports FY2025 Q1 Results\nCloud revenues were up 21% to $5.6 billion.", "2024-09-09", "$5.6 billion", "FY2025-Q1"},
		{"Q then fiscal year", "Oracle results\nOracle reported Q1 fiscal 2025 revenue of $13.3 billion.", "2024-09-09", "$13.3 billion", "FY2025-Q1"},
		{"this fiscal year of a company whose year ends in May", "Oracle results\nOracle expects cloud revenue to grow 77% to $18 billion this fiscal year.", "2025-09-10", "$18 billion", "FY2026"},
		{"figures after followed by are a later time's", "Oracle results\nOracle expects cloud revenue to grow 77% to $18 billion this fiscal year, followed by increases to $32 billion and $73 billion.", "2025-09-10", "$32 billion", ""},
		{"fiscal year then quarter spelled out", "Oracle Announces Fiscal Year 2026 First Quarter Financial Results\nTotal revenues were up 12% to $14.9 billion.", "2025-09-09", "$14.9 billion", "FY2026-Q1"},
		{"an estimate of a quarter closed a month ago", "Kestrel results\nAnalysts expect Kestrel to report first-quarter earnings of $5.28 a share next week.", "2025-05-01", "$5.28", "2025-Q1"},
		{"last quarter of a fiscal-year company", "Microsoft results\nCapital expenditures totaled $34.9 billion last quarter.", "2025-11-20", "$34.9 billion", "FY2026-Q1"},
		{"last quarter of a calendar company", "Amazon results\nAmazon said capital expenditures totaled $34.2 billion last quarter.", "2025-11-20", "$34.2 billion", "2025-Q3"},
		{"the latest quarter of a fiscal-year company", "Oracle results\nOracle's backlog reached $455 billion in the latest quarter.", "2025-09-10", "$455 billion", "FY2026-Q1"},
		{"a span of months after for", "TSMC results\nTSMC's net profit for July-September rose to T$452.3 billion.", "2025-10-16", "T$452.3 billion", "2025-Q3"},
		{"Qn YYYY of a fiscal-year company reporting results", "Nvidia posts record Q3 2026 earnings\nNvidia's revenue reached $57.01 billion.", "2025-11-20", "$57.01 billion", "FY2026-Q3"},
		{"guidance for Qn YYYY of a fiscal-year company over bullets", "Nvidia results\nNvidia reported results.\nManagement has provided the following guidance for Q4 2026:\n- Revenue of $65 billion (+/- 2%)\n- Adjusted operating expenses of $5 billion\n", "2025-11-19", "$5 billion", "FY2026-Q4"},
		{"a span of months with to", "Kestrel results\nKestrel said net income for the July-to-September quarter rose 39.1% to $4.2 billion.", "2025-10-16", "$4.2 billion", "2025-Q3"},
		{"the quarter a change is measured from is no figure's period", "Kestrel results\nKestrel said sales were $33.10 billion, an increase of 40.8% from a year ago and 10.1% from the second quarter.", "2025-10-16", "$33.10 billion", ""},
		{"an estimate of the December quarter in January", "Kestrel results\nKestrel posted an operating profit of 8.08 trillion won in the December quarter, slightly above the 8 trillion won average forecast by LSEG SmartEstimate.", "2025-01-23", "8 trillion won", "2024-Q4"},
		{"a period after a bracketed restatement dates both figures", "Kestrel results\nKestrel posted a record 8.08 trillion won (US$5.62 billion) in operating profit for the October-December period.", "2025-01-23", "8.08 trillion won", "2024-Q4"},
		{"a quarter named after a forecast word is the forecast's", "Broadcom results\nBroadcom's AI revenue reached $4.4 billion, up 46% YoY, and Q3 AI revenue is forecast at $5.1 billion.", "2025-06-05", "$4.4 billion", ""},
		{"next fiscal year", "Microsoft results\nMicrosoft expects capital spending to top $120 billion next fiscal year.", "2025-10-30", "$120 billion", "FY2027"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := claimFor(t, tt.text, tt.pub, tt.fig)
			if !ok {
				t.Fatalf("no claim for %q", tt.fig)
			}
			if c.Period != tt.period {
				t.Errorf("period = %q, want %q", c.Period, tt.period)
			}
		})
	}
}

// TestForecastOfQuarterJustClosed: an estimate of a quarter that closed a
// month ago is of that quarter, across a year's end too.
func TestForecastOfQuarterJustClosed(t *testing.T) {
	for _, tt := range []struct {
		d    docDate
		want string
	}{
		{docDate{year: 2025, month: 1}, "2024-Q4"},
		{docDate{year: 2025, month: 2}, "2024-Q4"},
		{docDate{year: 2025, month: 5}, "2025-Q4"},
	} {
		p := periodRef{kind: "q", quarter: 4, ended: 12}
		if got := p.resolve(tt.d, 0, true, ""); got != tt.want {
			t.Errorf("December quarter forecast at %d-%02d: got %s, want %s", tt.d.year, tt.d.month, got, tt.want)
		}
	}
}
