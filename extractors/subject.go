package extractors

import (
	"strings"
)

type mentionKind uint8

const (
	mCompany   mentionKind = iota // a company, product or unit: a possible subject
	mPronoun                      // "it", "its", "the company", "management"
	mPerson                       // "Andy Jassy": an attribution, never a subject
	mPublisher                    // "Reuters": an attribution, never a subject
	mRegion                       // "North America": a segment
	mPlace                        // "Santa Clara, Calif.-based": where, never who
)

// mention is a name in a sentence, over words [i, j).
type mention struct {
	name   string
	kind   mentionKind
	i, j   int
	start  int  // byte offsets in the sentence
	end    int  //
	poss   bool // "AWS's"
	object bool // after a preposition ("with Microsoft", "to AWS")
	aside  bool // inside parentheses or dashes
}

var pronounNouns = setOf("company", "firm", "business", "group", "chipmaker", "retailer", "giant", "unit",
	"division", "segment", "arm", "subsidiary", "startup", "lab", "conglomerate", "automaker", "carmaker", "provider", "operator", "maker")

var prepositions = setOf("to", "from", "for", "by", "against", "than", "like", "of", "on", "over", "into",
	"under", "at", "about", "via", "including", "versus", "vs", "between", "among", "behind", "beyond",
	"through", "toward", "towards", "across", "in", "such", "rival", "rivals", "competitor", "competitors")

// dealWith are the words that make "with X" the other party of a deal ("an
// agreement with Dell", "partnered with AWS"); elsewhere "with Azure growing
// 39%" names the figure's owner.
var dealWith = setOf("agreement", "deal", "contract", "partnership", "pact", "arrangement", "agreed", "partnered",
	"partnering", "signed", "teamed", "collaboration", "alliance", "accord")

var personTitles = setOf("ceo", "cfo", "coo", "cto", "chief", "executive", "officer", "founder", "cofounder",
	"president", "chairman", "chairwoman", "chair", "analyst", "mr", "ms", "mrs", "dr", "director", "head", "vp",
	"minister", "secretary", "economist", "strategist", "spokesperson", "spokesman", "spokeswoman", "senator", "governor")

var sayVerbs = setOf("said", "says", "told", "wrote", "noted", "added", "explained", "argued", "reported",
	"reports", "disclosed", "announced", "stated", "estimated", "estimates", "claimed", "confirmed", "revealed")

// capStop are capitalized words that do not name a company.
// nationalities, alone or after a compass word ("South Korean chipmaker"),
// describe a company; they are no name ("American Express" still is one).
var nationalities = setOf("korean", "chinese", "japanese", "taiwanese", "american", "european", "german", "french",
	"british", "indian", "canadian", "israeli", "dutch", "swiss", "swedish", "italian", "spanish", "australian",
	"singaporean", "emirati", "saudi", "brazilian", "mexican", "irish", "finnish", "danish", "norwegian", "belgian",
	"austrian", "polish", "russian", "turkish", "vietnamese", "thai", "malaysian", "indonesian", "filipino",
	"south", "north", "east", "west")

var capStop = setOf("tech", "industry", "sector", "the", "a", "an", "this", "that", "these", "those", "it", "its", "in", "on", "for", "and",
	"but", "or", "our", "we", "they", "he", "she", "as", "at", "by", "with", "from", "according", "ceo", "cfo",
	"ai", "gaap", "non", "ebitda", "eps", "q1", "q2", "q3", "q4", "fy", "h1", "h2", "inc", "corp", "company",
	"management", "chief", "executive", "officer", "president", "quick", "facts", "billion", "million",
	"trillion", "revenue", "revenues", "sales", "net", "operating", "total", "gross", "free", "adjusted", "data",
	"center", "gaming", "cloud", "first", "second", "third", "fourth", "fiscal", "quarter", "year", "january",
	"february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
	"december", "board", "rsu", "rsus", "of", "to", "pursuant", "transition", "commission", "securities", "llc", "ltd", "plc", "registrant",
	"act", "level", "treasury", "section", "rule", "regulation", "schedule", "article", "overall", "separately", "additionally", "instead", "similarly", "likewise", "together",
	"combined", "market", "analysts", "analyst", "consensus", "estimates", "wall", "street", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "jan", "feb",
	"mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "if", "when", "while", "after",
	"before", "since", "so", "then", "there", "here", "what", "why", "how", "who", "which", "all", "every",
	"some", "most", "many", "more", "less", "not", "no", "yes", "is", "are", "was", "were", "be", "has",
	"have", "had", "will", "would", "could", "should", "also", "however", "meanwhile", "still", "even",
	"just", "now", "today", "yesterday", "last", "next", "new", "other", "another", "each", "both", "one",
	"two", "three", "four", "five", "profit", "income", "loss", "cash", "flow", "capital", "expenditures",
	"professional", "visualization", "automotive", "highlights", "background", "overview", "conclusion",
	"mechanism", "structured", "narrative", "adoption", "frequently", "asked", "questions", "bottom", "line",
	"key", "takeaways", "summary", "note", "notes", "source", "sources", "read", "more", "related", "share",
	"click", "subscribe", "advertisement", "photo", "image", "video", "updated", "published", "by", "i",
	"you", "your", "my", "his", "her", "their", "us", "wall", "street", "investors", "analysts", "nasdaq",
	"nyse", "dow", "s&p", "index", "exchange", "earnings", "results", "report", "guidance", "outlook",
	"segment", "segments", "international", "global", "worldwide", "north", "america", "south", "europe",
	"asia", "generative", "cloud's", "enterprise", "enterprises", "customers", "chips", "chip", "gpus",
	"gpu", "tpu", "tpus", "ml", "llm", "llms", "api", "apis", "us$", "nt$", "usd", "ceo's", "q", "hbm",
	"dram", "nand", "sec", "ipo", "r&d", "capex", "opex", "arr", "yoy", "qoq", "per", "diluted", "basic",
	"ads", "adr", "tips", "ins", "tip", "nt", "c", "form", "raises", "reports", "posts", "announces",
	"beats", "lifts", "boosts", "expects", "plans", "says", "wins", "signs", "launches", "unveils", "misses",
	"record", "strong", "exhibit", "item", "items", "part", "table", "page", "fiscal", "quarterly", "annual",
	"ended", "three", "six", "nine", "months", "compared", "excluding", "including", "diluted", "gw", "mw",
	"kw", "gwh", "twh", "mwh", "between", "among", "series", "round", "ad", "ads", "headcount", "more", "dap", "mau", "dau", "arpu", "hits", "tops", "rises", "falls", "beats", "misses", "sets", "issues")

// allGeneric reports a name made only of generic words ("Infrastructure
// Software", "Y/Y"): a product line or a label, no company.
func allGeneric(ws []word) bool {
	for _, w := range ws {
		if !genericLead[w.w] && !strings.Contains(w.w, "/") {
			return false
		}
	}
	return true
}

// genericLead are capitalized words that are no unknown company's name
// alone: a product line or a measure in a headline-style line ("Q1 Cloud
// Infrastructure (IaaS) Revenue", "Oracle Q3: RPO up 63%"). A longer name
// may open with one ("Infrastructure Solutions Group"); known names are
// found by the alias table first.
var genericLead = setOf("infrastructure", "services", "software", "applications", "database", "license", "licenses",
	"subscriptions", "subscription", "hardware", "rpo", "rpos", "iaas", "saas", "paas", "multicloud", "backlog", "bookings",
	"daily", "monthly", "weekly", "average", "active")

// firstWordsOf returns the first word of every name of several words in al
// (and the built-in publishers and places), so that most capitalized words
// cost one map lookup.
func firstWordsOf(al Aliases) map[string]bool {
	m := map[string]bool{}
	add := func(k string) {
		if f, _, ok := strings.Cut(k, " "); ok {
			m[f] = true
		}
	}
	for k := range al {
		add(k)
	}
	for k := range publishers {
		add(k)
	}
	for k := range regions {
		add(k)
	}
	return m
}

// findMentions finds the names of a sentence. headline is set for title-case
// lines, where only known names count.
func findMentions(s string, ws []word, al Aliases, first map[string]bool, persons map[string]bool, headline bool) []mention {
	return appendMentions(nil, ws, asideRanges(s), al, first, persons, headline)
}

// appendMentions is findMentions into out, with the sentence's asideRanges.
func appendMentions(out []mention, ws []word, asides [][2]int, al Aliases, first map[string]bool, persons map[string]bool, headline bool) []mention {
	for i := 0; i < len(ws); {
		m, ok := mentionAt(ws, i, al, first, persons, headline)
		if !ok {
			i++
			continue
		}
		m.start, m.end = ws[m.i].start, ws[m.j-1].end
		m.poss = ws[m.j-1].poss
		if (m.kind == mRegion || m.kind == mCompany && m.name == "") && (basedAfter(ws, m.j) || ws[m.j-1].punct == ',' && basedAfter(ws, m.j+1)) {
			m.kind = mPlace // "a Santa Clara, Calif.-based company": where, not who
		}
		if m.kind == mCompany && m.name == "" && m.i > 0 && (ws[m.i-1].w == "our" || ws[m.i-1].w == "their") {
			m.kind = mRegion // "across our Family of Apps": a part of the company
		}
		if m.kind == mCompany && m.name == "" && m.j < len(ws) && !m.poss && segmentNouns[ws[m.j].w] {
			m.kind = mRegion // "Networking revenue was $7.3 billion": a segment
		}
		if m.kind == mCompany && m.name == "" && len(out) > 0 && out[len(out)-1].kind == mCompany && out[len(out)-1].poss && out[len(out)-1].j == m.i {
			i = m.j // "Microsoft's Intelligent Cloud unit": a part of the company, named by the possessive's segment
			continue
		}
		b := m.i - 1
		if b > 0 && (ws[b].w == "the" || ws[b].w == "a" || ws[b].w == "an" || ws[b].cap && capStop[ws[b].w]) && ws[b].punct == 0 {
			b-- // "in the Claude", "in More Personal Computing", not "In October, OpenAI"
		}
		if b >= 0 && (prepositions[ws[b].w] || ws[b].w == "its" || ws[b].w == "their" || ws[b].w == "our" ||
			ws[b].w == "with" && b > 0 && dealWith[ws[b-1].w]) && ws[b].punct == 0 {
			m.object = true // "to AWS", "of its Blackwell GPUs"
		}
		for _, a := range asides {
			if m.start >= a[0] && m.start < a[1] {
				m.aside = true
			}
		}
		if m.j < len(ws) && descriptorNouns[ws[m.j].w] && !m.poss {
			// "the Instagram and WhatsApp owner", "The Facebook parent
			// expects": one description of a company. A known name says
			// which (mentionName reads "the Claude developer" as Anthropic);
			// an unknown one reads as "the company".
			first := m.i
			for len(out) > 0 && out[len(out)-1].j == first-1 && ws[first-1].w == "and" {
				first = out[len(out)-1].i
				out = out[:len(out)-1]
			}
			if m.name == "" && first > 0 && ws[first-1].w == "the" {
				m = mention{kind: mPronoun, i: first - 1, j: m.j + 1, start: ws[first-1].start, end: ws[m.j].end}
			}
		}
		out = append(out, m)
		i = m.j
	}
	objectLists(out, ws)
	return out
}

// objectLists marks every name of a list "A, B and C" an object when its
// first is one: "revenue from Amazon, Google and Microsoft". A comma alone
// makes no list ("According to TechInsights, AMD shipped").
func objectLists(ms []mention, ws []word) {
	for a := 0; a < len(ms); a++ {
		if !ms[a].object || ms[a].kind != mCompany {
			continue
		}
		b, and := a, false
		for b+1 < len(ms) && ms[b+1].kind == mCompany {
			n, p := ms[b+1], ms[b]
			switch {
			case p.j == n.i && ws[n.i-1].punct == ',':
			case p.j == n.i-1 && (ws[n.i-1].w == "and" || ws[n.i-1].w == "or"):
				and = true
			default:
				n.i = -1
			}
			if n.i < 0 {
				break
			}
			b++
		}
		if and {
			for x := a + 1; x <= b; x++ {
				ms[x].object = true
			}
		}
		a = b
	}
}

// descriptorNouns after a name describe another company by it: "the
// ChatGPT developer", "the Facebook parent".
var descriptorNouns = setOf("owner", "parent", "developer", "maker", "operator", "creator", "publisher",
	"startup", "company", "firm", "chipmaker", "automaker", "retailer", "lender", "insurer")

func mentionAt(ws []word, i int, al Aliases, first map[string]bool, persons map[string]bool, headline bool) (mention, bool) {
	w := ws[i]
	switch {
	case w.w == "it" || w.w == "its" || (w.w == "management" && !w.poss && i+1 < len(ws) && ws[i+1].w != "of"):
		return mention{kind: mPronoun, i: i, j: i + 1}, true
	case w.w == "the" && i+1 < len(ws) && pronounNouns[ws[i+1].w] && !ws[i].poss:
		return mention{kind: mPronoun, i: i, j: i + 2}, true
	}
	if !w.cap && !w.upper && !w.camel {
		return mention{}, false
	}
	if i == 0 && w.upper && len(ws) > 1 && ws[0].punct == '-' {
		return mention{}, false // a dateline: "TOKYO — SoftBank said"
	}
	var buf [64]byte
	// the longest known name starting here
	multi := len(ws)-i > 1 && first[w.w]
	for n := min(4, len(ws)-i); n >= 1; n-- {
		if n > 1 && !multi {
			continue // no known name of several words starts with this one
		}
		if n > 1 && ws[i+n-2].poss {
			continue
		}
		key := w.w
		if n > 1 {
			kb := appendJoined(buf[:0], ws[i:i+n]) // looked up without a copy
			if _, ok := al[string(kb)]; !ok && !publishers[string(kb)] && !regions[string(kb)] {
				continue
			}
			key = string(kb)
		}
		switch {
		case publishers[key]:
			j := i + n
			for j < len(ws) && j < i+n+3 && ws[j-1].punct == 0 && !ws[j-1].poss && ws[j].cap && !capStop[ws[j].w] {
				j++ // "Zacks Investment Research": the rest of the publisher's name
			}
			return mention{name: key, kind: mPublisher, i: i, j: j}, true
		case regions[key] && (n > 1 || key != "us" || ws[i].upper):
			return mention{name: key, kind: mRegion, i: i, j: i + n}, true
		}
		if c, ok := al[key]; ok && !(n == 1 && w.w == "us") {
			return mention{name: c, kind: mCompany, i: i, j: i + n}, true
		}
	}
	// an unknown capitalized name
	if i > 0 && labelWords[ws[i-1].w] && len(ws[i].w) <= 2 {
		return mention{}, false // "series E", "Class A": a label, not a name
	}
	j := i
	for j < len(ws) && (ws[j].cap || ws[j].upper || ws[j].camel) && (!capStop[ws[j].w] || j > i && (ws[j].w == "cloud" || ws[j].w == "ai")) && !isDigitWord(ws[j].w) {
		j++
		if ws[j-1].punct != 0 || ws[j-1].poss || j < len(ws) && ws[j].start-ws[j-1].end != 1 {
			break
		}
	}
	if j == i || j == i+1 && (genericLead[w.w] || len(w.w) == 1) || allGeneric(ws[i:j]) {
		// (one letter alone, "Series A and B", is a label; "X" the company is a known name)
		return mention{}, false
	}
	for j > i && isPeriodWord(ws[j-1].w) {
		j--
	}
	if j == i {
		return mention{}, false
	}
	if nationalities[ws[j-1].w] && (j-i == 1 || j-i == 2 && nationalities[ws[i].w]) {
		return mention{}, false // "South Korean", "Japanese"
	}
	nb := appendJoined(append(buf[:0], "name:"...), ws[i:j]) // "name:" + the name, copied only when kept
	name := nb[len("name:"):]
	if segmentNames(ws[j-1].w) || j-i >= 2 && ws[j-1].w == "group" && ws[j-2].w == "solutions" {
		return mention{name: string(name), kind: mRegion, i: i, j: j}, true // "Client Solutions Group": a segment
	}
	if persons[string(name)] || (j-i >= 2 && j-i <= 3 && !ws[j-1].upper && (isPersonContext(ws, i, j) || looksLikePerson(ws[i:j]))) {
		// (a name ending in an acronym, "Scale AI said", is no person's)
		return mention{name: string(name), kind: mPerson, i: i, j: j}, true
	}
	camel := isCamel(ws[i])
	if headline && !ws[i].upper && !camel {
		return mention{}, false
	}
	if i == 0 && j-i == 1 && !ws[i].upper && !camel && !ws[i].poss && !(i+1 < len(ws) && (sayVerbs[ws[i+1].w] || corpSuffix[ws[i+1].w] || subjVerbs[ws[i+1].w] || ws[i].punct == ',' && (appositive[ws[i+1].w] || nameList(ws, i+1)))) && !persons[string(nb)] {
		return mention{}, false // a capitalized first word is usually just a word
	}
	return mention{name: "", kind: mCompany, i: i, j: j}, true
}

// labelWords come before a letter that labels, not names: "series E".
var labelWords = setOf("series", "class", "tranche", "phase", "item", "items", "part", "note", "exhibit", "schedule", "form", "tier", "level", "grade")

// nameList reports a capitalized name at i that goes on a list: "Kestrel,
// Orbital and Brightline", "Kestrel, Orbital, Brightline".
func nameList(ws []word, i int) bool {
	return i+1 < len(ws) && (ws[i].cap || ws[i].upper || ws[i].camel) && !capStop[ws[i].w] &&
		(ws[i+1].w == "and" || ws[i].punct == ',' && (ws[i+1].cap || ws[i+1].upper || ws[i+1].camel))
}

// appositive words open a description of the name before the comma
// ("Brightline, backed by ...").
var appositive = setOf("backed", "owned", "founded", "led", "which", "whose")

// basedAfter reports "-based" glued after the word before j ("Calif.-based").
func basedAfter(ws []word, j int) bool {
	return j > 0 && j < len(ws) && ws[j].w == "based" && ws[j].start-ws[j-1].end <= 2
}

// segmentNouns after an unknown name make it a part of the company.
var segmentNouns = setOf("revenue", "revenues", "sales", "segment", "unit", "division", "bookings",
	"shipments", "compute", "margin", "income", "business", "arr", "subscription", "subscriptions")

// corporateWords mark an unknown multi-word name as an organisation.
var corporateWords = setOf("inc", "corp", "corporation", "group", "holdings", "labs", "lab", "technologies",
	"technology", "systems", "networks", "cloud", "bank", "capital", "partners", "motors", "energy",
	"semiconductor", "semiconductors", "electronics", "communications", "platforms", "services", "software",
	"pharmaceuticals", "therapeutics", "financial", "airlines", "foods", "brands", "ai", "co", "ltd", "llc",
	"plc", "ventures", "computing", "devices", "micro", "robotics", "industries", "international", "global",
	"media", "entertainment", "studios", "games", "health", "insurance", "securities", "research", "project",
	"web", "services", "store", "pay", "intelligence", "data", "digital", "interactive", "automotive",
	"chemical", "chemicals", "materials", "resources", "logistics", "airways", "petroleum", "steel", "mining",
	"manufacturing", "industrial", "parcel", "enterprise", "enterprises", "solutions", "instruments", "dynamics",
	"aerospace", "beverages", "pharma", "biotech", "medical", "telecom", "wireless", "utilities", "power")

// subjVerbs follow a company that opens a sentence ("Initech expects ...").
var subjVerbs = setOf("expects", "expected", "reported", "reports", "posted", "posts", "earned", "earns",
	"raised", "raises", "plans", "planned", "will", "has", "had", "is", "was", "saw", "sees", "recorded",
	"generated", "generates", "grew", "aims", "projected", "projects", "forecast", "forecasts", "guided",
	"announced", "agreed", "signed", "signs", "invested", "invests", "committed", "commits", "sold", "sells",
	"shipped", "ships", "lost", "made", "spent", "spends", "closed", "secured", "secures", "lands", "landed",
	"booked", "delivered", "employs", "expanded", "added", "cut", "hit", "reached", "topped", "surpassed",
	"now", "also", "itself", "said", "says", "told", "would", "could", "may", "might", "should", "wants",
	"set", "sets", "achieved", "achieves", "delivers", "records", "logged", "logs", "registered", "produced", "realized",
	"confirmed", "confirms", "unveiled", "unveils", "disclosed", "discloses", "revealed", "reveals", "received", "receives",
	"struck", "strikes", "inked", "inks", "won", "wins", "completed", "completes", "acquired", "acquires", "bought", "buys",
	"took", "takes", "holds", "owns", "dominates", "controls")

var corpSuffix = setOf("corp", "inc", "co", "ltd", "llc", "plc", "corporation", "group", "holdings", "technologies")

// looksLikePerson: two or three title-case words with no corporate word
// ("Andy Jassy", "Jensen Huang") are, in business news, usually a person.
func looksLikePerson(ws []word) bool {
	if len(ws) > 0 && nationalities[ws[0].w] {
		return false // "American Express", "British Airways"
	}
	for _, w := range ws {
		if w.upper || w.camel || corporateWords[w.w] || len(w.w) < 2 {
			return false
		}
	}
	return true
}

func isPersonContext(ws []word, i, j int) bool {
	if i > 0 && personTitles[ws[i-1].w] {
		return true
	}
	if j < len(ws) && sayVerbs[ws[j].w] && ws[j].w != "reported" && ws[j].w != "reports" {
		for _, w := range ws[i:j] {
			if corporateWords[w.w] {
				return false // "Kestrel Semiconductor said": a company speaks
			}
		}
		return !ws[i].upper
	}
	return false
}

func isCamel(w word) bool {
	// "CoreWeave", "OpenAI", "iPhone": an upper-case letter after the first
	return len(w.w) > 2 && w.camel && !w.upper
}

// isPeriodWord reports "FY26", "Q3", "H1", "2025".
func isPeriodWord(w string) bool {
	if _, ok := fyWord(w); ok {
		return true
	}
	if len(w) == 2 && (w[0] == 'q' || w[0] == 'h') && w[1] >= '1' && w[1] <= '4' {
		return true
	}
	return isYear(w)
}

// segmentNames: the last word of a name that is a segment, not a company.
func segmentNames(last string) bool {
	return last == "solutions" || last == "segment" || last == "division" || last == "segments" || last == "unit"
}

func isDigitWord(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// appendJoined appends the words of ws to dst, one space between them.
func appendJoined(dst []byte, ws []word) []byte {
	for k, w := range ws {
		if k > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, w.w...)
	}
	return dst
}

// asideRanges returns the byte ranges inside parentheses and between a pair
// of spaced dashes (" — ... — ").
func asideRanges(s string) [][2]int {
	var out [][2]int
	depth, open := 0, 0
	// whether the searches below can find anything at all
	clause := strings.Contains(s, ", w") || strings.Contains(s, "d by ")
	dash := strings.Contains(s, " -") || strings.Contains(s, " \xE2") // " -- ", " — ", " – "
	paren := strings.IndexByte(s, '(')
	if paren < 0 {
		paren = len(s)
	}
	for i := paren; i < len(s); i++ {
		switch s[i] {
		case '(':
			if depth == 0 {
				open = i
			}
			depth++
		case ')':
			if depth > 0 {
				depth--
				if depth == 0 {
					out = append(out, [2]int{open, i + 1})
				}
			}
		}
	}
	for _, w := range []string{", which ", ", who ", ", whose ", ", where ", ", backed by ", ", owned by ", ", founded by ", ", led by "} {
		for from := 0; clause; {
			a := strings.Index(s[from:], w)
			if a < 0 {
				break
			}
			a += from
			b := strings.IndexByte(s[a+len(w):], ',')
			if b < 0 {
				break
			}
			b += a + len(w)
			out = append(out, [2]int{a, b})
			from = b
		}
	}
	for _, d := range []string{" — ", " – ", " -- "} {
		for from := 0; dash; {
			a := strings.Index(s[from:], d)
			if a < 0 {
				break
			}
			a += from
			b := strings.Index(s[a+len(d):], d)
			if b < 0 {
				break
			}
			b += a + len(d)
			out = append(out, [2]int{a, b + len(d)})
			from = b + len(d)
		}
	}
	return out
}

// isHeadline reports a title-case line: most of its words capitalized.
func isHeadline(ws []word) bool {
	if len(ws) < 3 {
		return false
	}
	caps, n := 0, 0
	for _, w := range ws {
		if len(w.w) <= 3 && !w.upper && !w.cap { // "of", "as", "to"
			continue
		}
		n++
		if w.cap || w.upper || isDigitWord(w.w) {
			caps++
		}
	}
	return n > 0 && caps*10 >= n*8
}
