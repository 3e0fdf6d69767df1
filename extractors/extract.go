package extractors

import (
	"strings"

	"github.com/claimwire/claimwire/claim"
	"github.com/claimwire/claimwire/extractors/scan"
)

// Extractor assembles claims from documents. Its zero value is not ready: use
// New. It is immutable, so one Extractor may serve many goroutines.
type Extractor struct {
	aliases Aliases
	first   map[string]bool // first words of the names of several words
}

// Option configures an Extractor.
type Option func(*Extractor)

// WithAliases adds subject aliases to the built-in table (entries of a win).
func WithAliases(a Aliases) Option {
	return func(e *Extractor) { e.aliases = e.aliases.Merge(a) }
}

// New returns an Extractor with the built-in alias table and the options.
func New(opts ...Option) *Extractor {
	e := &Extractor{aliases: DefaultAliases()}
	for _, o := range opts {
		o(e)
	}
	e.first = firstWordsOf(e.aliases)
	return e
}

// defaultExtractor serves Extract; it is built once and never changed.
var defaultExtractor = New()

// Extract returns the claims a document asserts, in document order, with the
// built-in alias table.
func Extract(doc claim.Document) []claim.Claim { return defaultExtractor.Extract(doc) }

// docState is what the extractor remembers while reading one document.
type docState struct {
	doc           claim.Document
	date          docDate
	ctxYear       int             // year of the first quarter the document names, when it has no date
	primary       string          // the company the document is mostly about
	persons       map[string]bool // names seen as people
	seen          map[figKey]int  // earlier claims by value and unit (index into out)
	report        string          // the reporting period first named ("2025-Q2")
	header        []string        // the headings of the current table's columns
	scale         float64         // the current table's "(in millions)", 0 if none
	tableMetric   claim.Metric    // what the current table's caption says it lists
	tableModality claim.Modality  // "targets", "outlook" in the caption
	tablePeriod   string          // the period the caption names
	captions      []caption       // captions not yet read into the three above
	lastRow       bool            // the sentence before was a table row
	section       claim.Metric    // what the table's current "Operating expenses:" label lists
	prevSubject   string          // the subject of the last claim of an earlier sentence
	outAt         int             // the index of the sentence the last claim came from
	outSent       []int           // the index of the sentence each claim of out came from
	para          int             // the paragraph of the sentence being read
	topic         string          // the grammatical subject of the paragraph's last sentence that had one
	topicPara     int             // the paragraph topic was set in
	paraTopic     string          // the first topic of the paragraph being read, "" before one
	prevEstimable *claim.Claim    // the last claim of the sentence just before, if it had a cue
	leadIn        *leadIn         // a figure-less lead-in line ("guidance for Q4 2026:") over the bullets that follow
	lead          *claim.Claim    // the last money claim before a bulleted list
	words         []word          // scratch: the words of the sentence at wordsAt-1
	wordsAt       int             // 1 + the start of the sentence words holds, 0 for none
	early         [][]word        // the words of the first sentences, split by primaryEntity
	cur           int             // the index of the sentence being read
	hits          []hit           // scratch: the cues of the sentence at hitsAt-1
	hitsAt        int             // 1 + the start of the sentence hits holds, 0 for none
	found         []mention       // scratch for its mentions as found
	mentions      []mention       // scratch for those it keeps
	fw            [][2]int        // scratch for sentCtx.fw
	claims        []*claim.Claim  // scratch for sentCtx.claims
	rightUsed     []int           // scratch for sentCtx.rightUsed
	periods       []periodRef     // scratch for sentCtx.periods
	leadCopy      claim.Claim     // what lead points to
	out           []claim.Claim
}

type figKey struct {
	value float64
	unit  string
}

// Extract returns the claims doc asserts, in document order.
func (e *Extractor) Extract(doc claim.Document) []claim.Claim {
	sents := Sentences(doc.Text)
	figs := scanAll(doc.Text)
	if len(figs) == 0 {
		return nil
	}
	st := &docState{doc: doc, date: parseDocDate(doc.Published), persons: map[string]bool{}, seen: map[figKey]int{}}
	st.out = make([]claim.Claim, 0, len(figs)) // claims keep pointers into out: it must not grow
	st.primary, st.early = e.primaryEntity(doc, sents, st.persons)
	st.date.fyEnd = fiscalYearEnds[st.primary]
	if p, ok := parents[st.primary]; ok && st.date.fyEnd == 0 {
		st.date.fyEnd = fiscalYearEnds[p] // Azure closes its year with Microsoft
	}
	fi := 0
	for i, s := range sents {
		st.cur = i
		if i > 0 && strings.IndexByte(doc.Text[sents[i-1].End:s.Start], '\n') >= 0 {
			st.para++
		}
		for fi < len(figs) && figs[fi].Start < s.Start {
			fi++
		}
		k := fi
		for k < len(figs) && figs[k].End <= s.End {
			k++
		}
		e.sentence(st, s, figs[fi:k])
		fi = k
	}
	resolveLater(st.out)
	return st.out
}

// resolveLater names the metric of a figure the text explains only later: a
// headline's "Tops $20 Billion" is the "$20 billion in revenue" of the body.
func resolveLater(out []claim.Claim) {
	later := map[figKey]claim.Metric{}
	for i := len(out) - 1; i >= 0; i-- {
		c := &out[i]
		k := figKey{c.Value, c.Unit}
		if c.Metric != claim.Other {
			later[k] = c.Metric
			continue
		}
		if m, ok := later[k]; ok && c.Unit != claim.Count {
			c.Metric = m
			c.SetID()
		}
	}
}

// scanAll is scan.Scan with room made up front: a figure every ~150 bytes,
// and when the text is denser, room for the rate seen so far.
func scanAll(text string) []scan.Figure {
	var sc scan.Scanner
	sc.Init(text)
	out := make([]scan.Figure, 0, len(text)/150+4)
	for {
		f, ok := sc.Next()
		if !ok {
			return out
		}
		if len(out) == cap(out) && f.End > 0 {
			est := len(out) + len(out)*(len(text)-f.End)/f.End*9/8 + 16
			grown := make([]scan.Figure, len(out), est)
			copy(grown, out)
			out = grown
		}
		out = append(out, f)
	}
}

// primaryEntity counts the companies named in the title and the first
// sentences; the most named one is who "the company" means.
func (e *Extractor) primaryEntity(doc claim.Document, sents []Sentence, persons map[string]bool) (string, [][]word) {
	counts := map[string]int{}
	var order []string
	add := func(s string, weight int) []word {
		ws := splitWords(s)
		for _, m := range findMentions(s, ws, e.aliases, e.first, persons, isHeadline(ws)) {
			if m.kind == mPerson {
				persons[m.name] = true
				if k := strings.LastIndexByte(m.name, ' '); k > 0 {
					persons[m.name[k+1:]] = true
				}
			}
			if m.kind != mCompany || m.name == "" && m.i == 0 && ws[0].upper && ws[0].punct == ',' {
				continue // not "PORTLAND, Ore., June 18 —", a dateline
			}
			name := mentionName(s, m)
			w := weight
			if m.i > 0 && m.name == "" && !ws[m.i-1].cap && !ws[m.i-1].upper && !isDigitWord(ws[m.i-1].w) &&
				(m.poss || m.j < len(ws) && (subjVerbs[ws[m.j].w] || sayVerbs[ws[m.j].w])) {
				persons["name:"+strings.ToLower(name)] = true
			}
			for _, n := range []string{name, parents[name]} {
				if n == "" {
					continue
				}
				if counts[n] == 0 {
					order = append(order, n)
				}
				counts[n] += w
			}
		}
		return ws
	}
	if doc.Title != "" {
		add(doc.Title, 2)
	}
	early := make([][]word, 0, min(len(sents), 40))
	for i, s := range sents {
		if i >= 40 {
			break
		}
		early = append(early, add(s.Text, 1))
	}
	// "Harborline Software" and "Harborline" are one company: names count
	// together by their first word, and the group's most named form wins
	// (the shorter on a tie, as running text names it).
	groups := map[string]int{}
	for _, n := range order {
		groups[firstWord(n)] += counts[n]
	}
	if r := e.registrant(doc.Text); r != "" {
		return r, early // a filing names its registrant on the cover
	}
	best := ""
	for _, n := range order {
		if g, b := groups[firstWord(n)], groups[firstWord(best)]; g > b || g == b && firstWord(n) == firstWord(best) && (counts[n] > counts[best] || counts[n] == counts[best] && len(n) < len(best)) {
			best = n
		}
	}
	return best, early
}

// registrant reads the company a 10-Q, 10-K or 8-K is filed by: the line
// above "(Exact name of registrant as specified in its charter)" on the
// cover, by its alias when known ("NVIDIA CORPORATION" is Nvidia).
func (e *Extractor) registrant(text string) string {
	at := strings.Index(text, "(Exact name of registrant")
	if at < 0 {
		return ""
	}
	line := strings.TrimRight(text[:at], " \t\r\n")
	line = strings.TrimSpace(line[strings.LastIndexByte(line, '\n')+1:])
	if line == "" || len(line) > 120 {
		return ""
	}
	if c, ok := e.aliases.Canonical(line); ok {
		return c
	}
	ws := strings.Fields(strings.NewReplacer(",", " ", ".", " ").Replace(line))
	for len(ws) > 1 && corpSuffix[strings.ToLower(ws[len(ws)-1])] {
		ws = ws[:len(ws)-1] // "Apple Inc." is Apple
	}
	name := strings.Join(ws, " ")
	if c, ok := e.aliases.Canonical(name); ok {
		return c
	}
	if strings.ToUpper(name) == name { // "ACME ROBOTICS" reads "Acme Robotics"
		words := strings.Fields(strings.ToLower(name))
		for i, w := range words {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
		name = strings.Join(words, " ")
	}
	return name
}

func firstWord(name string) string {
	w, _, _ := strings.Cut(name, " ")
	return w
}

// parents lend the mentions of a unit to its company when choosing who the
// document is about.
var parents = map[string]string{"Azure": "Microsoft", "Microsoft Cloud": "Microsoft", "AWS": "Amazon",
	"Google Cloud": "Alphabet", "Instagram": "Meta", "WhatsApp": "Meta", "YouTube": "Alphabet",
	"Waymo": "Alphabet", "DeepMind": "Alphabet", "GitHub": "Microsoft", "LinkedIn": "Microsoft"}

// makers name the company behind a product ("the ChatGPT developer").
var makers = map[string]string{"ChatGPT": "OpenAI", "Claude": "Anthropic", "Gemini": "Alphabet",
	"Llama": "Meta", "Grok": "xAI", "Copilot": "Microsoft", "Trainium": "Amazon", "iPhone": "Apple"}

// mentionName is the subject name of a mention: canonical when known, else
// the words as written without a possessive.
func mentionName(s string, m mention) string {
	if m.name != "" && m.kind == mCompany {
		if m.end < len(s) {
			// "the ChatGPT developer", "the Instagram and WhatsApp owner"
			rest := strings.ToLower(s[m.end:min(len(s), m.end+12)])
			if p, ok := makers[m.name]; ok && (strings.HasPrefix(rest, " developer") || strings.HasPrefix(rest, " maker") || strings.HasPrefix(rest, " owner") || strings.HasPrefix(rest, " parent") || strings.HasPrefix(rest, " creator")) {
				return p
			}
			if p, ok := parents[m.name]; ok && (strings.HasPrefix(rest, " owner") || strings.HasPrefix(rest, " parent")) {
				return p
			}
		}
		return m.name
	}
	t := s[m.start:m.end]
	t = strings.TrimSuffix(strings.TrimSuffix(t, "'s"), "’s")
	return strings.TrimRight(t, "'’")
}

// sentCtx is one sentence being read.
type sentCtx struct {
	s         Sentence
	ws        []word
	hits      []hit
	mentions  []mention
	periods   []periodRef
	figs      []scan.Figure
	fw        [][2]int // word range of each figure
	claims    []*claim.Claim
	attrib    string
	row       *rowCtx // set for a table row
	rightUsed []int   // the word after the cue a figure took from its right, 0 if none
	asides    [][2]int
	bullet    bool // a bulleted line
	which     bool // the sentence has a "which" clause
}

func (e *Extractor) sentence(st *docState, s Sentence, figs []scan.Figure) {
	isRow := isRowText(s.Text)
	st.prevEstimable = nil
	if n := len(st.out); n > 0 {
		st.prevSubject = st.out[n-1].Subject
		if last := &st.out[n-1]; st.outAt == st.cur-1 && last.Metric != claim.Other && last.Modality == claim.Actual {
			st.prevEstimable = last
		}
	}
	defer func() {
		st.lastRow = isRow
		if isRow && strings.HasPrefix(s.Text, "Total") {
			st.section = "" // "Total cost of revenue | 165 | 154" closes its section
		}
	}()
	if isRow && isRuleRow(s.Text) {
		return
	}
	if isRow && isHeadingRow(s.Text) {
		st.header = pipeCells(s.Text)
		if st.scale <= 0 {
			st.scale = scaleOf(s.Text) // "Three Months Ended Jul 27, 2025 ($ in millions) | ..."
		}
		return
	}
	if len(figs) == 0 || !isRow {
		if !isRow {
			st.noteTable(s)
		} else {
			st.header = pipeCells(s.Text)
		}
		if len(figs) == 0 {
			e.notePeriods(st, s)
			st.noteLeadIn(s, isRow)
			return
		}
	}
	ws := st.wordsOf(s) // sentence-scoped: nothing keeps it
	sc := &sentCtx{s: s, ws: ws, figs: figs}
	if isRow {
		st.settleCaptions()
		sc.row = newRow(s.Text, st.header)
	}
	sc.bullet = isBullet(st.doc.Text, s.Start)
	sc.which = strings.Contains(s.Text, "which ")
	sc.hits = st.hitsOf(s)
	sc.asides = asideRanges(s.Text)
	st.found = appendMentions(st.found[:0], ws, sc.asides, e.aliases, e.first, st.persons, isHeadline(ws))
	sc.mentions = st.mentions[:0]
	for _, m := range st.found {
		if m.kind == mPerson {
			st.persons[m.name] = true
			if k := strings.LastIndexByte(m.name, ' '); k > 0 {
				st.persons[m.name[k+1:]] = true
			}
		}
		if insideFigure(figs, s.Start+m.start) {
			continue
		}
		if m.i > 0 && insideFigure(figs, s.Start+ws[m.i-1].start) {
			m.object = true // "23,000 Nvidia GPUs": a modifier of the count
		}
		sc.mentions = append(sc.mentions, m)
	}
	st.mentions = sc.mentions
	if t := sc.topic(); t != "" {
		if st.topicPara != st.para || st.topic == "" {
			st.paraTopic = t
		}
		st.topic, st.topicPara = t, st.para
	}
	st.periods = appendPeriods(st.periods[:0], ws)
	sc.periods = st.periods
	st.fw = st.fw[:0]
	for _, f := range figs {
		st.fw = append(st.fw, wordRange(ws, f.Start-s.Start, f.End-s.Start))
	}
	sc.fw = st.fw
	sc.attrib = e.attribution(st, sc)
	st.claims = append(st.claims[:0], make([]*claim.Claim, len(figs))...)
	sc.claims = st.claims
	st.rightUsed = append(st.rightUsed[:0], make([]int, len(figs))...)
	sc.rightUsed = st.rightUsed
	for k := range figs {
		c, ok := e.figureClaim(st, sc, k)
		if !ok {
			continue
		}
		c.Quote = s.Text
		c.Span = [2]int{figs[k].Start - s.Start, figs[k].End - s.Start}
		c.Source = st.doc.Source
		c.SetID()
		st.out = append(st.out, c)
		st.outAt = st.cur
		st.outSent = append(st.outSent, st.cur)
		sc.claims[k] = &st.out[len(st.out)-1]
		key := figKey{c.Value, c.Unit}
		if i, ok := st.seen[key]; (!ok || st.out[i].Metric == claim.Other) && c.Metric != claim.Other {
			st.seen[key] = len(st.out) - 1
		}
	}
	if !sc.bullet {
		st.leadIn = nil
		st.lead = nil
		for _, c := range sc.claims {
			if c != nil && !strings.HasSuffix(c.Unit, "/share") && c.Unit != claim.Count && c.Unit != claim.Percent && c.Metric != claim.Other {
				st.lead = c
			}
		}
		if st.lead != nil {
			st.leadCopy = *st.lead
			st.lead = &st.leadCopy
		}
	}
	e.notePeriods(st, s)
}

// leadIn is what a line such as "management provided the following
// guidance for Q4 2026:" says of the bulleted figures under it.
type leadIn struct {
	modality claim.Modality
	period   string
}

// noteLeadIn remembers a figure-less line that ends with a colon and names
// a forecast, for the bullets that follow; any other line ends a lead-in.
func (st *docState) noteLeadIn(s Sentence, isRow bool) {
	if isBullet(st.doc.Text, s.Start) {
		return
	}
	st.leadIn = nil
	if isRow || !strings.HasSuffix(strings.TrimSpace(s.Text), ":") {
		return
	}
	forecast := false
	for _, h := range st.hitsOf(s) {
		if h.modality == claim.Forecast {
			forecast = true
		}
	}
	if !forecast {
		return
	}
	li := &leadIn{modality: claim.Forecast}
	for _, p := range findPeriods(st.wordsOf(s)) {
		if p.kind == "q" || p.kind == "fy" || p.kind == "current" || p.kind == "thisyear" || p.kind == "nextyear" {
			li.period = p.resolve(st.date, st.ctxYear, true, "")
			break
		}
	}
	st.leadIn = li
}

// wordsOf returns the words of s, split once per sentence into a reused
// slice: valid until the next sentence's.
func (st *docState) wordsOf(s Sentence) []word {
	if st.cur < len(st.early) {
		return st.early[st.cur] // s is sents[st.cur]
	}
	if st.wordsAt != s.Start+1 {
		st.words = appendWords(st.words[:0], s.Text)
		st.wordsAt = s.Start + 1
	}
	return st.words
}

// hitsOf returns the cues of s, found once per sentence into a reused slice:
// valid until the next sentence's.
func (st *docState) hitsOf(s Sentence) []hit {
	if st.hitsAt != s.Start+1 {
		ws := st.wordsOf(s)
		st.hits = cues.appendHits(st.hits[:0], ws)
		st.hitsAt = s.Start + 1
		// "a jaw-dropping $57 billion": a change word that ends a compound
		// adjective is none
		keep := st.hits[:0]
		for _, h := range st.hits {
			if h.change != 0 && h.metric == "" && h.i > 0 && ws[h.i].start > 0 && s.Text[ws[h.i].start-1] == '-' && ws[h.i-1].end == ws[h.i].start-1 {
				continue
			}
			keep = append(keep, h)
		}
		st.hits = keep
	}
	return st.hits
}

// isBullet reports a sentence that opens a "- " or "• " line.
func isBullet(text string, start int) bool {
	ls := strings.LastIndexByte(text[:start], '\n') + 1
	p := strings.TrimSpace(text[ls:start])
	return p == "-" || p == "•" || p == "*" || p == "–"
}

// notePeriods remembers the first quarter the document names with a year.
func (e *Extractor) notePeriods(st *docState, s Sentence) {
	if st.report != "" || !namesQuarter(s.Text) {
		return
	}
	for _, p := range findPeriods(st.wordsOf(s)) {
		if p.kind == "q" && p.year > 0 {
			st.report = p.resolve(st.date, 0, false, "")
			if st.ctxYear == 0 && st.date.year == 0 {
				st.ctxYear = p.year
			}
			return
		}
	}
}

// namesQuarter is notePeriods' quick test: "quarter" in any case, or "Q1"
// to "Q4".
func namesQuarter(t string) bool {
	if strings.Contains(t, "quarter") || strings.Contains(t, "Quarter") || strings.Contains(t, "QUARTER") {
		return true
	}
	for i := strings.IndexByte(t, 'Q'); i >= 0 && i+1 < len(t); {
		if t[i+1] >= '1' && t[i+1] <= '4' {
			return true
		}
		n := strings.IndexByte(t[i+1:], 'Q')
		if n < 0 {
			break
		}
		i += 1 + n
	}
	return false
}

func insideFigure(figs []scan.Figure, at int) bool {
	for _, f := range figs {
		if at >= f.Start && at < f.End {
			return true
		}
	}
	return false
}

// wordRange returns the words [i, j) a byte span covers.
func wordRange(ws []word, start, end int) [2]int {
	i := 0
	for i < len(ws) && ws[i].end <= start {
		i++
	}
	j := i
	for j < len(ws) && ws[j].start < end {
		j++
	}
	return [2]int{i, j}
}

func pipeCells(row string) []string {
	r := newRow(row, nil)
	out := make([]string, len(r.cells))
	for i, c := range r.cells {
		out[i] = row[c[0]:c[1]]
	}
	return out
}

// figText returns the words of figure k (figures hold document offsets).
func (sc *sentCtx) figText(k int) string {
	f := sc.figs[k]
	return sc.s.Text[f.Start-sc.s.Start : f.End-sc.s.Start]
}
