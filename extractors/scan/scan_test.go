package scan

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// fig is one expected figure: its text in the input and what it reads as.
type fig struct {
	text      string
	val, max  float64
	unit      string
	item      string
	qual      string
	kind      Kind
	checkKind bool
}

func f(text string, val float64, unit string) fig {
	return fig{text: text, val: val, unit: unit, qual: Exact}
}

func (w fig) q(qual string) fig        { w.qual = qual; return w }
func (w fig) to(max float64) fig       { w.max, w.qual = max, Range; return w }
func (w fig) of(item string) fig       { w.item = item; return w }
func (w fig) is(k Kind) fig            { w.kind, w.checkKind = k, true; return w }
func money(text string, v float64) fig { return f(text, v, "USD").is(Money) }
func pct(text string, v float64) fig   { return f(text, v, "percent").is(Percent) }
func num(text string, v float64) fig   { return f(text, v, "count") }

// figureTable has one row per form the scanner reads and per near miss it
// must not read. A row lists every figure of its input, in order.
var figureTable = []struct {
	in   string
	want []fig
}{
	// Money.
	{"AWS reached a $15 billion run rate.", []fig{money("$15 billion", 15e9)}},
	{"It raised US$3.2bn last year.", []fig{money("US$3.2bn", 3.2e9)}},
	{"a €20 million grant", []fig{f("€20 million", 20e6, "EUR").is(Money)}},
	{"a £1.1bn deal", []fig{f("£1.1bn", 1.1e9, "GBP")}},
	{"a ¥1.5 trillion budget", []fig{f("¥1.5 trillion", 1.5e12, "JPY")}},
	{"worth 15 billion dollars", []fig{money("15 billion dollars", 15e9)}},
	{"a $15B valuation", []fig{money("$15B", 15e9)}},
	{"sales of $20 billion+ a year", []fig{money("$20 billion+", 20e9).q(MoreThan)}},
	{"EPS of $1.43 per share", []fig{f("$1.43 per share", 1.43, "USD/share").is(Money)}},
	{"earnings of $0.98 per diluted share", []fig{f("$0.98 per diluted share", 0.98, "USD/share")}},
	{"net income of NT$120.82 billion", []fig{f("NT$120.82 billion", 120.82e9, "TWD")}},
	{"net income of about T$452 billion", []fig{f("about T$452 billion", 452e9, "TWD").q(Approx)}},
	{"C$5 million and A$7 million and HK$9 million", []fig{f("C$5 million", 5e6, "CAD"), f("A$7 million", 7e6, "AUD"), f("HK$9 million", 9e6, "HKD")}},
	{"Rs 500 crore and ₹20 lakh", []fig{f("Rs 500 crore", 5e9, "INR"), f("₹20 lakh", 2e6, "INR")}},
	{"a 30 billion yuan fund and RMB 5 billion", []fig{f("30 billion yuan", 30e9, "CNY"), f("RMB 5 billion", 5e9, "CNY")}},
	{"200 million euros and 3 million pounds", []fig{f("200 million euros", 200e6, "EUR"), f("3 million pounds", 3e6, "GBP")}},
	{"a $10K prize and USD 22.5 million", []fig{money("$10K", 1e4), money("USD 22.5 million", 22.5e6)}},
	{"fifteen billion dollars", []fig{money("fifteen billion dollars", 15e9)}},
	{"a net loss of ($310) in the table", []fig{money("($310)", -310)}},
	{"a change of -$4.2 million", []fig{money("-$4.2 million", -4.2e6)}},
	{"it costs 20 dollars 43 cents", []fig{money("20 dollars 43 cents", 20.43)}},
	{"ten Canadian dollars", []fig{f("ten Canadian dollars", 10, "CAD")}},

	// Scales and number words.
	{"half a million people", []fig{num("half a million", 5e5).of("person").is(Count)}},
	{"a quarter of a billion dollars", []fig{money("a quarter of a billion dollars", 2.5e8)}},
	{"three-quarters of the market", []fig{num("three-quarters", 0.75)}},
	{"a dozen customers", []fig{num("a dozen", 12).of("customer")}},
	{"one hundred twenty-three stores", []fig{num("one hundred twenty-three", 123).of("store")}},
	{"twenty one servers", []fig{num("twenty one", 21).of("server")}},
	{"a hundred and two", []fig{num("a hundred and two", 102)}},
	{"five and a half million", []fig{num("five and a half million", 5.5e6)}},
	{"3.2 bn and 40k", []fig{num("3.2 bn", 3.2e9), num("40k", 4e4)}},

	// Percentages and points.
	{"growing 150 percent quarter over quarter", []fig{pct("150 percent", 150)}},
	{"up 150% and 12 per cent", []fig{pct("150%", 150), pct("12 per cent", 12)}},
	{"margin rose 2.5 percentage points", []fig{f("2.5 percentage points", 2.5, "pp").is(Points)}},
	{"a cut of 25 basis points", []fig{f("25 basis points", 0.25, "pp").is(Points)}},
	{"down 50bps", []fig{f("50bps", 0.5, "pp")}},

	// Counts with their noun.
	{"Trainium2 is fully subscribed at 500,000 deployed chips.", []fig{num("500,000", 5e5).of("chip").is(Count)}},
	{"more than 100,000 customers", []fig{num("more than 100,000", 1e5).of("customer").q(MoreThan)}},
	{"1 million GPUs", []fig{num("1 million", 1e6).of("GPU")}},
	{"12 new data centers", []fig{num("12", 12).of("data center")}},
	{"2,000 companies and 3 people", []fig{num("2,000", 2000).of("company"), num("3", 3).of("person")}},
	{"500,000 Trainium chips", []fig{num("500,000", 5e5).of("chip")}},
	{"500,000 of its Trainium2 chips", []fig{num("500,000", 5e5).of("chip")}},
	{"more than 500,000 Trainium2 chips", []fig{num("more than 500,000", 5e5).of("chip").q(MoreThan)}},
	{"1,200 full-time employees", []fig{num("1,200", 1200).of("employee")}},
	{"2025 employees", []fig{num("2025", 2025).of("employee")}},

	// Ranges.
	{"$10 billion to $12 billion", []fig{money("$10 billion to $12 billion", 10e9).to(12e9)}},
	{"$10-12 billion", []fig{money("$10-12 billion", 10e9).to(12e9)}},
	{"$10–$12 billion", []fig{money("$10–$12 billion", 10e9).to(12e9)}},
	{"between 30% and 35%", []fig{pct("between 30% and 35%", 30).to(35)}},
	{"between 30 and 35 percent", []fig{pct("between 30 and 35 percent", 30).to(35)}},
	// "or" joins two ends only when the first takes the second's scale or unit.
	{"$97 or $98 billion", []fig{money("$97 or $98 billion", 97e9).to(98e9)}},
	{"5 or 6 percent", []fig{pct("5 or 6 percent", 5).to(6)}},
	{"$5 billion or $6 billion", []fig{money("$5 billion", 5e9), money("$6 billion", 6e9)}},
	{"5% or 6%", []fig{pct("5%", 5), pct("6%", 6)}},
	{"from 5 to 7 gigawatts", []fig{f("from 5 to 7 gigawatts", 5e9, "W").to(7e9).is(Power)}},
	{"revenue rose from $10 billion to $12 billion", []fig{money("$10 billion", 10e9), money("$12 billion", 12e9)}},
	// A change and then the new level: no range of percentages.
	{"users climbed 3% to 317 million", []fig{pct("3%", 3), num("317 million", 317e6)}},
	{"grew its base 15 percent to 316 million", []fig{pct("15 percent", 15), num("316 million", 316e6)}},
	{"Sales hit $5 billion-$6 billion and 10%-15%.", []fig{money("$5 billion-$6 billion", 5e9).to(6e9), pct("10%-15%", 10).to(15)}},
	{"cut from 1,000 to 800 jobs", []fig{num("1,000", 1000), num("800", 800).of("job")}},
	{"more than 100 and less than 300", []fig{num("more than 100 and less than 300", 100).to(300)}},

	// Power and multiples.
	{"5 gigawatts, 1.2 GW, 300 MW and 40 kW", []fig{f("5 gigawatts", 5e9, "W"), f("1.2 GW", 1.2e9, "W"), f("300 MW", 3e8, "W"), f("40 kW", 4e4, "W")}},
	{"3x faster, 10 times more, a three-fold rise, a tenfold jump", []fig{f("3x", 3, "x").is(Multiple), f("10 times", 10, "x"), f("three-fold", 3, "x"), f("tenfold", 10, "x")}},

	// Growth words.
	{"revenue doubled", []fig{f("doubled", 100, "percent").is(GrowthWord)}},
	{"sales tripled, then quadrupled, then halved", []fig{f("tripled", 200, "percent"), f("quadrupled", 300, "percent"), f("halved", -50, "percent")}},
	{"triple-digit growth and double-digit gains", []fig{f("triple-digit", 100, "percent").q(MoreThan), f("double-digit", 10, "percent").q(MoreThan)}},
	{"the company doubled down on AI", nil},
	{"more than doubled", []fig{f("more than doubled", 100, "percent").q(MoreThan)}},
	{"valued at roughly double the earlier round", []fig{f("roughly double", 100, "percent").q(Approx).is(GrowthWord)}},
	{"demand will more than double by 2030", []fig{f("more than double", 100, "percent").q(MoreThan)}},
	{"sales could triple from here", []fig{f("triple", 200, "percent")}},
	{"analysts expect revenue to double", []fig{f("double", 100, "percent")}},
	{"staff worked a double shift", nil},
	// A page range is no figure range: only the bare end number is left, for the extractor to drop.
	{"the report's pages 14 through 37", []fig{f("37", 37, "count").is(Number)}},
	{"a double-click opens the report", nil},

	// Qualifiers.
	{"over $5 billion, above 10%, tops $3 billion, topped $4 billion", []fig{money("over $5 billion", 5e9).q(MoreThan), pct("above 10%", 10).q(MoreThan), money("tops $3 billion", 3e9).q(MoreThan), money("topped $4 billion", 4e9).q(MoreThan)}},
	{"exceeding $1 billion, crossed $2 billion, surpassed $3 billion", []fig{money("exceeding $1 billion", 1e9).q(MoreThan), money("crossed $2 billion", 2e9).q(MoreThan), money("surpassed $3 billion", 3e9).q(MoreThan)}},
	{"north of $1 billion, upwards of $2 billion, >$3 billion", []fig{money("north of $1 billion", 1e9).q(MoreThan), money("upwards of $2 billion", 2e9).q(MoreThan), money(">$3 billion", 3e9).q(MoreThan)}},
	{"nearly $1 billion, about 2%, roughly 3 GW, approximately $4", []fig{money("nearly $1 billion", 1e9).q(Approx), pct("about 2%", 2).q(Approx), f("roughly 3 GW", 3e9, "W").q(Approx), money("approximately $4", 4).q(Approx)}},
	{"around $1 billion, close to $2 billion, some 300 stores, almost $4 billion", []fig{money("around $1 billion", 1e9).q(Approx), money("close to $2 billion", 2e9).q(Approx), num("some 300", 300).of("store").q(Approx), money("almost $4 billion", 4e9).q(Approx)}},
	{"an estimated $5 billion and ~$6 billion", []fig{money("an estimated $5 billion", 5e9).q(Approx), money("~$6 billion", 6e9).q(Approx)}},
	{"near $2 billion, short of 10%, slightly more than 3 GW, well under $1 billion", []fig{money("near $2 billion", 2e9).q(Approx), pct("short of 10%", 10).q(LessThan), f("slightly more than 3 GW", 3e9, "W").q(MoreThan), money("well under $1 billion", 1e9).q(LessThan)}},
	{"at least $1 billion, no less than 5%", []fig{money("at least $1 billion", 1e9).q(AtLeast), pct("no less than 5%", 5).q(AtLeast)}},
	{"up to $1 billion, as much as $2 billion, as many as 300 jobs", []fig{money("up to $1 billion", 1e9).q(UpTo), money("as much as $2 billion", 2e9).q(UpTo), num("as many as 300", 300).of("job").q(UpTo)}},
	{"less than 5%, under $1 billion, below 3%, fewer than 100 employees", []fig{pct("less than 5%", 5).q(LessThan), money("under $1 billion", 1e9).q(LessThan), pct("below 3%", 3).q(LessThan), num("fewer than 100", 100).of("employee").q(LessThan)}},

	// Spoken and written fractions, decimals, exponents.
	{"two thirds of a million", []fig{num("two thirds of a million", 2e6/3)}},
	{"three twenty-firsts", []fig{num("three twenty-firsts", 3.0/21)}},
	{"one hundred thirty fifths", []fig{num("one hundred thirty fifths", 100.0/35)}},
	{"twenty and three fifths", []fig{num("twenty and three fifths", 20.6)}},
	{"one out of three", []fig{num("one out of three", 1.0/3)}},
	{"2 1/4 and ¾ and 1/5", []fig{num("2 1/4", 2.25), num("¾", 0.75), num("1/5", 0.2)}},
	{"two point five million", []fig{num("two point five million", 2.5e6)}},
	{"1.3e6 and 2.5^-1 and 1.3x10^6", []fig{num("1.3e6", 1.3e6), num("2.5^-1", 0.4), num("1.3x10^6", 1.3e6)}},
	{"1 234 567 and 40 000", []fig{num("1 234 567", 1234567), num("40 000", 40000)}},
	{"a couple of analysts and a pair", []fig{num("a couple of", 2).of("analyst"), num("a pair", 2)}},
	{"more than half of revenue", []fig{num("more than half", 0.5).q(MoreThan)}},
	{"three hundred and two dozen", []fig{num("three hundred and two dozen", 324)}},
	{"2.33 k and 1,674.5 G", []fig{num("2.33 k", 2330), num("1,674.5 G", 1674.5e9)}},

	// Other currencies and cents.
	{"RM 42 and 20 ringgit and 43 sen", []fig{f("RM 42", 42, "MYR"), f("20 ringgit and 43 sen", 20.43, "MYR")}},
	{"$20 and 43c and a dollar and 42 cents", []fig{money("$20 and 43c", 20.43), money("a dollar and 42 cents", 1.42)}},
	{"10 Kuwaiti dinars, 5 shekels, 100元 and 3 Chinese yuan", []fig{f("10 Kuwaiti dinars", 10, "KWD"), f("5 shekels", 5, "ILS"), f("100元", 100, "CNY"), f("3 Chinese yuan", 3, "CNY")}},
	{"¥100 yuan and ¥5 billion", []fig{f("¥100 yuan", 100, "CNY"), f("¥5 billion", 5e9, "JPY")}},
	{"the price rose 5 cents", []fig{money("5 cents", 0.05)}},
	{"EPS of $1.10 to $1.20 a share", []fig{f("$1.10 to $1.20 a share", 1.10, "USD/share").to(1.20)}},

	// Plain numbers.
	{"The answer is 42.", []fig{num("42", 42).is(Number)}},
	{"1,000 alone", []fig{num("1,000", 1000).is(Number)}},

	// Near misses: none of these is a figure.
	{"In 2024 and FY2025 and in 2026", nil},
	{"on March 31, 2025 and 3/31/2025 and 2025-03-31 in Q1", nil},
	{"at 10:30 a.m. or 9 pm", nil},
	{"the third quarter and the 21st century", nil},
	{"call (206) 266-1000 or 555-1234", nil},
	{"Claude 3.5 and v2.1 and version 4", nil},
	{"Trainium2, H100, GPT-4o, iPhone 16, B200, A100s and M4", nil},
	{"at 410 Terry Avenue North", nil},
	{"see page 12 and footnote 3", nil},
	{"Item 2.02 of Form 10-Q", nil},
	{"CIK 0001018724", nil},
	{"https://example.com/q?x=30%25 and issn%280024", nil},
	{"1. First point\n2. Second point", nil},
	{"the 1990s", nil},
	{"2025-26 and 2025/26", nil},
	{"the one that works and which one", nil},
	{"two quarters later", []fig{num("two", 2).of("quarter").is(Number)}},
	{"the twenty-first century and a 5G network", nil},
	{"the company grew 3 in 2025", []fig{num("3", 3)}},
	{"2026 capital expenditures", nil},
	{"Jan 29, 2026, 07:34 (PST)", nil},
	{"the game ended 112-111", []fig{num("112", 112)}},
	{"one second later", []fig{num("one", 1).of("second")}},
	{"the Nasdaq 100, the FTSE 100 and the S&P 500", nil},
	{"in '25 and ’26", nil},
	{"under Rule 10b5-1, on 4K screens, open 24/7, No. 1 and #1", nil},
	{"AWS (31%) and Azure (24%)", []fig{pct("31%", 31), pct("24%", 24)}},
	{"250 million Dutch guilders and 6.65 billion pesetas", []fig{f("250 million Dutch guilders", 2.5e8, "NLG").is(Money), f("6.65 billion pesetas", 6.65e9, "ESP").is(Money)}},
	{"half a million of the company's chips", []fig{f("half a million", 5e5, "count").of("chip").is(Count)}},
	{"a loss of $(0.25) per diluted share", []fig{f("$(0.25) per diluted share", -0.25, "USD/share").is(Money)}},
	{"deals with Nvidia (10 GW) and AMD (6 GW)", []fig{f("10 GW", 10e9, "W"), f("6 GW", 6e9, "W")}},
	{"Net income (loss) per share $ 1.43 $ (0.27)", []fig{money("$ 1.43", 1.43), money("$ (0.27)", -0.27)}},
	{"Seattle, WA 98109-5210; File No. 000-22513; EIN 91-1646860", nil},
	{"$129.2 million and $4.28 billion", []fig{money("$129.2 million", 129200000), money("$4.28 billion", 4280000000)}},
	{"a loss of (310) and ($4.5 million)", []fig{num("(310)", -310), money("($4.5 million)", -4.5e6)}},
	{"300,000-plus people bought 231.8 million iPhones", []fig{num("300,000-plus", 3e5).of("person").q(MoreThan), num("231.8 million", 231.8e6).of("iPhone")}},
	{"a $4K bonus and 100K users", []fig{money("$4K", 4000), num("100K", 1e5).of("user")}},
}

func TestScanTable(t *testing.T) {
	for _, row := range figureTable {
		got := Scan(row.in)
		if err := match(row.in, got, row.want, 0); err != nil {
			t.Errorf("Scan(%q): %v\n got %s", row.in, err, dump(row.in, got))
		}
	}
}

// TestScanJoined scans all rows joined into one text, once, as go/scanner's
// test does: figures must come out in order, at the right offsets, and no
// row may bleed into the next.
func TestScanJoined(t *testing.T) {
	var b strings.Builder
	var want []fig
	var offsets []int
	for _, row := range figureTable {
		off := b.Len()
		b.WriteString(row.in)
		b.WriteString("\n\n")
		for _, w := range row.want {
			want = append(want, w)
			offsets = append(offsets, off+strings.Index(row.in, w.text))
		}
	}
	src := b.String()
	var s Scanner
	s.Init(src)
	for i, w := range want {
		got, ok := s.Next()
		if !ok {
			t.Fatalf("figure %d (%q): scanner ended early", i, w.text)
		}
		if got.Start != offsets[i] || got.Text(src) != w.text {
			t.Fatalf("figure %d: got %q at %d, want %q at %d", i, got.Text(src), got.Start, w.text, offsets[i])
		}
	}
	if extra, ok := s.Next(); ok {
		t.Fatalf("extra figure %q at %d", extra.Text(src), extra.Start)
	}
}

func match(src string, got []Figure, want []fig, _ int) error {
	if len(got) != len(want) {
		return fmt.Errorf("got %d figures, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		switch {
		case g.Text(src) != w.text:
			return fmt.Errorf("figure %d: text %q, want %q", i, g.Text(src), w.text)
		case !near(g.Value, w.val):
			return fmt.Errorf("figure %d (%q): value %g, want %g", i, w.text, g.Value, w.val)
		case !near(g.ValueMax, w.max) || g.HasMax != (w.max != 0):
			return fmt.Errorf("figure %d (%q): max %g (%v), want %g", i, w.text, g.ValueMax, g.HasMax, w.max)
		case g.Unit != w.unit:
			return fmt.Errorf("figure %d (%q): unit %q, want %q", i, w.text, g.Unit, w.unit)
		case g.Item != w.item:
			return fmt.Errorf("figure %d (%q): item %q, want %q", i, w.text, g.Item, w.item)
		case g.Qualifier != w.qual:
			return fmt.Errorf("figure %d (%q): qualifier %q, want %q", i, w.text, g.Qualifier, w.qual)
		case w.checkKind && g.Kind != w.kind:
			return fmt.Errorf("figure %d (%q): kind %v, want %v", i, w.text, g.Kind, w.kind)
		}
	}
	return nil
}

func near(a, b float64) bool {
	if b == 0 {
		return a == 0
	}
	return math.Abs(a-b) <= 1e-9*math.Abs(b)
}

func dump(src string, figs []Figure) string {
	var b strings.Builder
	for _, f := range figs {
		fmt.Fprintf(&b, "[%q %g", f.Text(src), f.Value)
		if f.HasMax {
			fmt.Fprintf(&b, "..%g", f.ValueMax)
		}
		fmt.Fprintf(&b, " %s %q %s %v] ", f.Unit, f.Item, f.Qualifier, f.Kind)
	}
	return b.String()
}
