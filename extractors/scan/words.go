package scan

import "strings"

// maxWord is the longest word the table holds; longer words are never looked up.
const maxWord = 16

// Word classes. A word may be in several.
const (
	fCard         uint64 = 1 << iota // zero .. nineteen
	fTens                            // twenty .. ninety
	fHundred                         // hundred
	fScale                           // thousand, million, billion, trillion, lakh, crore
	fAbbr                            // bn, mn, tn: a scale that may stand apart from the number
	fSuffix                          // k, m, b, bn: a scale glued to the number ("15B")
	fDozen                           // dozen
	fFrac                            // half, third, quarter ...: a fraction after a cardinal
	fCur                             // a currency after the number: dollars, euros, USD
	fCurPrefix                       // a currency before the number: USD, EUR, Rs
	fDollarPrefix                    // letters glued before "$": US$, NT$, C$, HK$
	fCurAdj                          // an adjective naming a dollar: Canadian, Australian
	fPercent                         // percent, pct
	fPoint                           // point, points
	fPower                           // watts and multiples
	fTimes                           // times, x: a multiple
	fFold                            // twofold, threefold ...
	fGrowth                          // doubled, tripled, halved; double-, triple-digit
	fMonth                           // month names
	fPeriod                          // year, month, day, quarter: a duration
	fNoun                            // a counted noun with a known singular
	fModifier                        // a word allowed between a number and its noun
	fPage                            // page, item, section, form: a number after it is a label
	fStreet                          // avenue, street: a number before it is an address
	fStop                            // a word that is never a counted noun
	fQual                            // the head of a qualifier phrase
	fArticle                         // a, an
	fSign                            // minus, negative
	fChange                          // a verb of change: "rose from 5 to 7" is no range
	fTime                            // am, pm
	fOrd                             // an ordinal: the denominator of a spoken fraction ("three twenty-firsts")
	fPctHead                         // percent, per: may open "percent of 10" at the start of a line
)

// anchorFlags are the classes of word that may start a figure.
const anchorFlags = fCard | fTens | fQual | fCurPrefix | fDollarPrefix | fGrowth | fFold | fArticle | fSign | fFrac | fPctHead

// wordInfo is one entry of the word table.
type wordInfo struct {
	word  string
	flags uint64
	val   float64 // number value, scale, unit multiplier or growth percent
	code  string  // currency code, singular noun or unit
	ord   float64 // for an ordinal: its number

	phrases []qualPhrase // for a qualifier head: its phrases
	next    uint32       // first letters of the words that may follow it in a phrase
	nextAny bool         // the head is a phrase on its own
}

// words maps lower-case words to their entry. It is built once and only read.
var words = buildWords()

// tableSize is the size of wordTable, a power of two well above the number
// of words.
const tableSize = 4096

// wordTable is words as an open-addressing hash table (FNV-1a, linear
// probing): the scanner looks every candidate word up, and this is several
// times cheaper than a map with its general-purpose hash.
var wordTable = func() (t [tableSize]*wordInfo) {
	if len(words) > tableSize/2 {
		panic("scan: word table too small")
	}
	for w, info := range words {
		h := uint32(2166136261)
		for i := 0; i < len(w); i++ {
			h = (h ^ uint32(w[i])) * 16777619
		}
		i := h & (tableSize - 1)
		for t[i] != nil {
			i = (i + 1) & (tableSize - 1)
		}
		t[i] = info
	}
	return t
}()

// wordShape has, for each first and last letter, a bit per length of the
// table's words: most words of a text are not in the table and need no
// map lookup.
var wordShape = func() (t [26][26]uint32) {
	for w := range words {
		if w[0] >= 'a' && w[0] <= 'z' && w[len(w)-1] >= 'a' && w[len(w)-1] <= 'z' {
			t[w[0]-'a'][w[len(w)-1]-'a'] |= 1 << len(w)
		}
	}
	return t
}()

// anchorShape has, for each first and last letter, a bit per length of
// the anchor words.
var anchorShape = func() (t [26][26]uint32) {
	for w, info := range words {
		if info.flags&anchorFlags != 0 && len(w) < 32 && w[0] >= 'a' && w[0] <= 'z' && w[len(w)-1] >= 'a' && w[len(w)-1] <= 'z' {
			t[w[0]-'a'][w[len(w)-1]-'a'] |= 1 << len(w)
		}
	}
	return t
}()

type entry struct {
	flags uint64
	val   float64
	code  string
}

func buildWords() map[string]*wordInfo {
	m := make(map[string]*wordInfo, 600)
	add := func(w string, e entry) {
		if len(w) > maxWord {
			panic("scan: word too long for table: " + w)
		}
		info := m[w]
		if info == nil {
			info = &wordInfo{word: w}
			m[w] = info
		}
		info.flags |= e.flags
		if e.val != 0 {
			info.val = e.val
		}
		if e.code != "" {
			info.code = e.code
		}
	}
	addNumberWords(add)
	for i, w := range strings.Fields("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth") {
		add(w, entry{flags: fOrd})
		add(w+"s", entry{flags: fOrd})
		m[w].ord, m[w+"s"].ord = float64(i+1), float64(i+1)
	}
	for i, w := range strings.Fields("twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth") {
		add(w, entry{flags: fOrd})
		add(w+"s", entry{flags: fOrd})
		m[w].ord, m[w+"s"].ord = float64(20+10*i), float64(20+10*i)
	}
	for w, v := range map[string]float64{"hundredth": 100, "thousandth": 1e3, "millionth": 1e6, "billionth": 1e9, "trillionth": 1e12} {
		add(w, entry{flags: fOrd})
		add(w+"s", entry{flags: fOrd})
		m[w].ord, m[w+"s"].ord = v, v
	}
	addCurrencies(add)
	addUnits(add)
	addQualifierWords(add)
	addContextWords(add)
	attachPhrases(m)
	return m
}

func addNumberWords(add func(string, entry)) {
	for i, w := range strings.Fields("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen") {
		add(w, entry{fCard, float64(i), ""})
	}
	add("naught", entry{flags: fCard})
	add("nought", entry{flags: fCard})
	for i, w := range strings.Fields("twenty thirty forty fifty sixty seventy eighty ninety") {
		add(w, entry{fTens, float64(20 + 10*i), ""})
	}
	add("hundred", entry{fHundred, 100, ""})
	add("hundreds", entry{fHundred, 100, ""})
	for w, v := range map[string]float64{"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
		"thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12,
		"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "lkh": 1e5, "lkhs": 1e5, "crore": 1e7, "crores": 1e7, "krores": 1e7, "cr": 1e7, "koti": 1e7} {
		add(w, entry{fScale, v, ""})
	}
	for w, v := range map[string]float64{"bn": 1e9, "mn": 1e6, "mln": 1e6, "bln": 1e9, "tn": 1e12, "trn": 1e12, "tln": 1e12, "mm": 1e6, "mil": 1e6} {
		add(w, entry{fAbbr | fSuffix, v, ""})
	}
	for w, v := range map[string]float64{"k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12} {
		add(w, entry{fSuffix, v, ""})
	}
	add("dozen", entry{fDozen, 12, ""})
	add("dozens", entry{fDozen, 12, ""})
	add("dzs", entry{fDozen, 12, ""})
	add("couple", entry{fDozen, 2, ""})
	add("pair", entry{fDozen, 2, ""})
	add("dozs", entry{fDozen, 12, ""})
	for w, v := range map[string]float64{"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
		"fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
		"eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10, "twentieth": 20, "twentieths": 20,
		"thirtieth": 30, "thirtieths": 30, "hundredth": 100, "hundredths": 100, "thousandth": 1000, "thousandths": 1000} {
		add(w, entry{fFrac, 1 / v, ""})
	}
}

func addCurrencies(add func(string, entry)) {
	for code, ws := range map[string]string{
		"USD": "dollar dollars buck bucks usd", "EUR": "euro euros eur", "GBP": "pound pounds sterling gbp quid",
		"JPY": "yen jpy", "CNY": "yuan renminbi rmb cny", "INR": "rupee rupees inr", "KRW": "won krw",
		"CHF": "franc francs chf", "CAD": "cad", "AUD": "aud", "HKD": "hkd", "TWD": "twd ntd", "SGD": "sgd",
		"NZD": "nzd", "MXN": "peso pesos mxn", "BRL": "brl reais", "RUB": "rub ruble rubles rouble roubles",
		"ZAR": "zar rand", "SEK": "sek", "NOK": "nok", "DKK": "dkk", "BTC": "btc bitcoin bitcoins",
		"MYR": "myr rm ringgit ringgits", "EGP": "egp le geneh egyptianpound", "KWD": "kwd", "LBP": "lbp",
		"QAR": "qar", "SAR": "sar saudiriyal", "BGN": "bgn", "ILS": "ils shekel shekels", "MNT": "mnt tugrik tugriks",
		"UAH": "uah hryvnia hryvnias", "TRY": "lira", "Dinar": "dinar dinars", "Riyal": "riyal riyals", "Rial": "rial rials",
		"AED": "aed dirham dirhams", "PLN": "pln zloty", "THB": "thb baht", "IDR": "idr rupiah", "PHP": "php",
		"VND": "vnd dong", "NGN": "ngn naira", "KES": "kes", "PKR": "pkr", "ARS": "ars",
		"NLG": "guilder guilders", "FIM": "markka markkaa", "ESP": "peseta pesetas",
	} {
		for _, w := range strings.Fields(ws) {
			add(w, entry{fCur, 1, code})
			if len(w) == 3 && w != "won" && w != "yen" && w != "rub" && w != "ils" && w != "php" && w != "sar" && w != "ars" || w == "rm" || w == "ringgit" || w == "ringgits" {
				add(w, entry{flags: fCurPrefix})
			}
		}
	}
	add("dollar", entry{flags: fCurPrefix})
	add("rs", entry{fCur | fCurPrefix, 1, "INR"})
	for w, code := range map[string]string{"musd": "USD", "meur": "EUR", "mgbp": "GBP", "maud": "AUD", "mchf": "CHF"} {
		add(w, entry{fCur | fCurPrefix, 1e6, code})
	}
	for w, v := range map[string]float64{"cent": 0.01, "cents": 0.01, "penny": 0.01, "pennies": 0.01, "dime": 0.1, "dimes": 0.1} {
		add(w, entry{fCur, v, "USD"})
	}
	add("pence", entry{fCur, 0.01, "GBP"})
	add("sen", entry{fCur, 0.01, "MYR"})
	add("kopiyka", entry{fCur, 0.01, "UAH"})
	add("kopiykas", entry{fCur, 0.01, "UAH"})
	add("kopecks", entry{fCur, 0.01, "RUB"})
	add("sens", entry{fCur, 0.01, "MYR"})
	add("satoshi", entry{fCur, 1e-8, "BTC"})
	add("satoshis", entry{fCur, 1e-8, "BTC"})
	for w, code := range map[string]string{"us": "USD", "nt": "TWD", "t": "TWD", "c": "CAD", "ca": "CAD", "a": "AUD", "au": "AUD",
		"hk": "HKD", "s": "SGD", "sg": "SGD", "nz": "NZD", "r": "BRL", "mex": "MXN", "mx": "MXN",
		"usd": "USD", "cad": "CAD", "aud": "AUD", "hkd": "HKD", "nzd": "NZD", "sgd": "SGD", "mxn": "MXN", "twd": "TWD"} {
		add(w, entry{fDollarPrefix, 0, code})
	}
	for w, code := range map[string]string{"us": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD",
		"singapore": "SGD", "kong": "HKD", "taiwan": "TWD", "zealand": "NZD", "mexican": "MXN", "kuwaiti": "KWD",
		"lebanese": "LBP", "egyptian": "EGP", "qatari": "QAR", "saudi": "SAR", "malaysia": "MYR", "malaysian": "MYR",
		"turkish": "TRY", "chinese": "CNY", "japanese": "JPY", "indian": "INR", "swiss": "CHF", "british": "GBP",
		"hong": "HKD", "brazilian": "BRL", "russian": "RUB", "korean": "KRW", "taiwanese": "TWD", "emirati": "AED",
		"dutch": "NLG", "finnish": "FIM", "spanish": "ESP"} {
		add(w, entry{fCurAdj, 0, code})
	}
}

func addUnits(add func(string, entry)) {
	for _, w := range []string{"percent", "percents", "pct", "percentage"} {
		add(w, entry{fPercent, 1, "percent"})
	}
	add("percent", entry{flags: fPctHead})
	add("percents", entry{flags: fPctHead})
	add("per", entry{flags: fPctHead})
	add("pp", entry{fPercent, 1, "pp"})
	add("ppt", entry{fPercent, 1, "pp"})
	add("ppts", entry{fPercent, 1, "pp"})
	add("bps", entry{fPercent, 0.01, "pp"})
	add("bp", entry{fPercent, 0.01, "pp"})
	add("point", entry{flags: fPoint})
	add("points", entry{flags: fPoint})
	for w, v := range map[string]float64{"w": 1, "watt": 1, "watts": 1, "kw": 1e3, "kilowatt": 1e3, "kilowatts": 1e3,
		"mw": 1e6, "megawatt": 1e6, "megawatts": 1e6, "gw": 1e9, "gigawatt": 1e9, "gigawatts": 1e9,
		"tw": 1e12, "terawatt": 1e12, "terawatts": 1e12} {
		add(w, entry{fPower, v, "W"})
	}
	add("x", entry{fTimes, 1, "x"})
	add("times", entry{fTimes, 1, "x"})
	add("fold", entry{fTimes, 1, "x"})
	for i, w := range strings.Fields("twofold threefold fourfold fivefold sixfold sevenfold eightfold ninefold tenfold") {
		add(w, entry{fFold, float64(i + 2), "x"})
	}
	add("hundredfold", entry{fFold, 100, "x"})
	for w, v := range map[string]float64{"doubled": 100, "tripled": 200, "quadrupled": 300, "halved": -50,
		"double": 10, "triple": 100} {
		add(w, entry{fGrowth, v, ""})
	}
}

// qualSpecs are the qualifier phrases and what they mean.
var qualSpecs = []struct{ phrase, q string }{
	{"more than", MoreThan}, {"over", MoreThan}, {"above", MoreThan}, {"tops", MoreThan}, {"topped", MoreThan},
	{"topping", MoreThan}, {"exceeding", MoreThan}, {"exceeded", MoreThan}, {"exceeds", MoreThan}, {"exceed", MoreThan},
	{"crossed", MoreThan}, {"crossing", MoreThan}, {"surpassed", MoreThan}, {"surpassing", MoreThan},
	{"north of", MoreThan}, {"upwards of", MoreThan}, {"upward of", MoreThan}, {"in excess of", MoreThan},
	{"greater than", MoreThan}, {"higher than", MoreThan}, {"larger than", MoreThan}, {"bigger than", MoreThan},
	{"well over", MoreThan}, {"well above", MoreThan}, {"well north of", MoreThan}, {"just over", MoreThan},
	{"just above", MoreThan}, {"beyond", MoreThan},
	{"nearly", Approx}, {"about", Approx}, {"roughly", Approx}, {"approximately", Approx}, {"approx", Approx},
	{"around", Approx}, {"close to", Approx}, {"some", Approx}, {"almost", Approx}, {"an estimated", Approx},
	{"estimated", Approx}, {"circa", Approx}, {"an approximate", Approx}, {"approaching", Approx},
	{"at least", AtLeast}, {"no less than", AtLeast}, {"no fewer than", AtLeast}, {"a minimum of", AtLeast},
	{"at most", UpTo}, {"no more than", UpTo}, {"up to", UpTo}, {"as much as", UpTo}, {"as many as", UpTo},
	{"as high as", UpTo}, {"a maximum of", UpTo},
	{"less than", LessThan}, {"under", LessThan}, {"below", LessThan}, {"fewer than", LessThan},
	{"lower than", LessThan}, {"smaller than", LessThan}, {"just under", LessThan}, {"just below", LessThan},
	{"just shy of", LessThan}, {"shy of", LessThan},
	{"between", "between"}, {"from", "from"},
	{"less than or equal to", UpTo}, {"less or equal than", UpTo}, {"lower or equal than", UpTo},
	{"smaller or equal than", UpTo}, {"equal to or less than", UpTo}, {"greater than or equal to", AtLeast},
	{"more than or equal to", AtLeast}, {"greater or equal than", AtLeast}, {"higher or equal than", AtLeast},
	{"bigger or equal than", AtLeast}, {"larger or equal than", AtLeast}, {"equal to or more than", AtLeast},
	{"equal to or greater than", AtLeast}, {"at least or equal to", AtLeast}, {"equal to", Exact}, {"equals", Exact},
	{"equaling to", Exact}, {"equaling", Exact},
	{"near", Approx}, {"in the region of", Approx}, {"on the order of", Approx}, {"short of", LessThan},
	{"just short of", LessThan}, {"a little over", MoreThan}, {"a little under", LessThan},
	{"slightly more than", MoreThan}, {"slightly over", MoreThan}, {"slightly above", MoreThan},
	{"slightly less than", LessThan}, {"slightly below", LessThan}, {"slightly under", LessThan},
	{"well below", LessThan}, {"well under", LessThan}, {"well in excess of", MoreThan},
}

// qualPhrase is one qualifier phrase after its first word.
type qualPhrase struct {
	rest []string
	q    string
}

func addQualifierWords(add func(string, entry)) {
	for _, spec := range qualSpecs {
		ws := strings.Fields(spec.phrase)
		add(ws[0], entry{flags: fQual})
		for _, w := range ws[1:] {
			add(w, entry{})
		}
	}
}

// attachPhrases gives each qualifier head its phrases, longest first, and
// the first letters the word after it may have.
func attachPhrases(m map[string]*wordInfo) {
	for _, spec := range qualSpecs {
		ws := strings.Fields(spec.phrase)
		info := m[ws[0]]
		info.phrases = append(info.phrases, qualPhrase{ws[1:], spec.q})
		if len(ws) == 1 {
			info.nextAny = true
		} else {
			info.next |= 1 << (ws[1][0] - 'a')
		}
	}
	for _, info := range m {
		l := info.phrases
		for i := 1; i < len(l); i++ { // longest first: insertion sort, the lists are short
			for j := i; j > 0 && len(l[j].rest) > len(l[j-1].rest); j-- {
				l[j], l[j-1] = l[j-1], l[j]
			}
		}
	}
}

func addContextWords(add func(string, entry)) {
	add("a", entry{flags: fArticle})
	add("an", entry{flags: fArticle})
	add("minus", entry{flags: fSign})
	add("negative", entry{flags: fSign})
	for _, w := range strings.Fields("and to through thru of per share than or so more less up plus diluted basic cent ur digit digits kong hong out which this that any each every another no") {
		add(w, entry{})
	}
	for _, w := range strings.Fields("january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec") {
		add(w, entry{flags: fMonth})
	}
	for w, sing := range map[string]string{"year": "year", "years": "year", "yr": "year", "yrs": "year", "month": "month", "months": "month",
		"week": "week", "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour", "minute": "minute",
		"minutes": "minute", "second": "second", "seconds": "second", "decade": "decade", "decades": "decade",
		"quarter": "quarter", "quarters": "quarter", "century": "century", "centuries": "century", "am": "", "pm": ""} {
		add(w, entry{fPeriod, 0, sing})
	}
	add("am", entry{flags: fTime})
	add("pm", entry{flags: fTime})
	for _, w := range strings.Fields("chip gpu tpu cpu customer user employee worker job server developer subscriber store unit share vehicle device accelerator processor model partner company firm country city location site facility member client account seat license order car phone smartphone robot satellite rack node instance app application product patent engineer researcher student household home plant factory startup organization transaction request download visitor viewer driver seller buyer merchant advertiser creator agent restaurant warehouse region project deal contract investor shareholder position role hire layoff person") {
		add(w, entry{fNoun, 0, w})
		if !strings.HasSuffix(w, "y") || strings.HasSuffix(w, "ey") || strings.HasSuffix(w, "ay") {
			add(w+"s", entry{fNoun, 0, w})
		} else {
			add(w[:len(w)-1]+"ies", entry{fNoun, 0, w})
		}
	}
	add("people", entry{fNoun, 0, "person"})
	add("businesses", entry{fNoun, 0, "business"})
	add("business", entry{fNoun | fModifier, 0, "business"})
	add("staff", entry{fNoun, 0, "staff"})
	add("enterprises", entry{fNoun, 0, "enterprise"})
	add("data", entry{flags: fModifier})
	for _, w := range strings.Fields("deployed new active paying enterprise additional more other total full monthly daily weekly unique registered installed connected individual small large big global existing commercial corporate retail custom ai cloud unsold shipped sold annual current former direct mobile online digital domestic international foreign local eligible skilled software hardware tech technology graphics of its their our the such") {
		add(w, entry{flags: fModifier})
	}
	for _, w := range strings.Fields("page p pg note footnote item section part chapter exhibit rule form schedule article table figure fig version ver v release series gen generation phase level tier type class no nr number num step episode season volume vol issue line row column slide cik proposal title amendment appendix annex paragraph clause sec regulation room suite floor box route model nasdaq ftse dax cac nikkei stoxx russell seng sensex nifty kospi topix fortune pages pp notes footnotes items sections chapters exhibits slides paragraphs clauses appendices") {
		add(w, entry{flags: fPage})
	}
	for _, w := range strings.Fields("avenue ave street road rd boulevard blvd drive lane ln way parkway pkwy highway hwy court plaza terrace") {
		add(w, entry{flags: fStreet})
	}
	for _, w := range strings.Fields("is was has does this thus as us yes plus less always across unless whereas versus vs towards besides perhaps means makes takes gets comes goes seems remains includes his hers ours theirs yours series news analysis basis status various previous ones others less") {
		add(w, entry{flags: fStop})
	}
	for _, w := range strings.Fields("rose rise rises risen rising grew grow grows growing increased increase increases increasing jumped jump jumps climbed climb climbs soared surged fell fall falls falling dropped drop drops declined decline declines decreased slipped slid plunged tumbled cut cuts reduced raised raise boosted lifted lowered expanded shrank went moved up down higher lower improved widened narrowed revised shifted changed") {
		add(w, entry{flags: fChange})
	}
}
