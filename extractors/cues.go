package extractors

import (
	"strings"

	"github.com/claimwire/claimwire/claim"
)

// cue is what a word or phrase near a figure says about it.
type cue struct {
	metric    claim.Metric // what the figure measures, when the phrase names it
	change    int          // +1 a rise ("grew", "up"), -1 a fall ("down", "fell")
	neg       bool         // the metric itself is a loss ("net loss", "loss per share")
	basis     string       // "yoy", "qoq", "mom"
	modality  claim.Modality
	runRate   bool // "running at", "pace": a run rate when "a year" follows
	compare   bool // "compared with", "up from": a comparison figure follows
	annual    bool // "a year", "annually", "per year"
	right     bool // names the metric only right after a figure ("a $10 billion business")
	continues bool // "to reach", "climb to": the figure goes on from the previous one
	drop      bool // a price, a discount, a ticket: not a business figure
}

// hit is one cue found in a sentence, over words [i, j).
type hit struct {
	cue
	i, j int
}

// cueTable maps the first word of each phrase to its phrases, longest first.
type cueTable map[string][]cuePhrase

type cuePhrase struct {
	words []string
	cue   cue
}

func (t cueTable) add(phrases string, c cue) {
	for _, p := range strings.Split(phrases, "|") {
		ws := strings.Fields(p)
		if len(ws) == 0 {
			continue
		}
		merged := false
		for i, old := range t[ws[0]] {
			if strings.Join(old.words, " ") == strings.Join(ws, " ") {
				t[ws[0]][i].cue = mergeCue(old.cue, c)
				merged = true
			}
		}
		if merged {
			continue
		}
		list := append(t[ws[0]], cuePhrase{ws, c})
		for i := len(list) - 1; i > 0 && len(list[i].words) > len(list[i-1].words); i-- {
			list[i], list[i-1] = list[i-1], list[i]
		}
		t[ws[0]] = list
	}
}

// find returns the cues of a sentence's words, longest phrase first at each
// position, phrases not overlapping.
func (t cueTable) find(ws []word) []hit { return t.appendHits(nil, ws) }

// appendHits is find into a reused slice.
func (t cueTable) appendHits(out []hit, ws []word) []hit {
	for i := 0; i < len(ws); {
		if !mayCue(ws[i].w) {
			i++
			continue
		}
		matched := false
		for _, p := range t[ws[i].w] {
			if i+len(p.words) > len(ws) {
				continue
			}
			if p.cue.right && ws[i+len(p.words)-1].poss {
				continue // "$2 billion of the company's capital spending": the company owns, it is no metric
			}
			ok := true
			for k := 1; k < len(p.words); k++ {
				if ws[i+k].w != p.words[k] {
					ok = false
					break
				}
			}
			if ok {
				out = append(out, hit{p.cue, i, i + len(p.words)})
				i += len(p.words)
				matched = true
				break
			}
		}
		if !matched {
			i++
		}
	}
	return out
}

// mergeCue joins the roles of a phrase listed twice ("will spend" is capex
// and forecast).
func mergeCue(a, b cue) cue {
	if a.metric == "" {
		a.metric, a.neg, a.right = b.metric, b.neg, b.right
	}
	if a.change == 0 {
		a.change = b.change
	}
	if a.basis == "" {
		a.basis = b.basis
	}
	if a.modality == "" {
		a.modality = b.modality
	}
	a.runRate = a.runRate || b.runRate
	a.compare = a.compare || b.compare
	a.annual = a.annual || b.annual
	a.continues = a.continues || b.continues
	a.drop = a.drop || b.drop
	return a
}

// cues is the built-in vocabulary of cue phrases; built once, never changed.
var cues = buildCues()

// cueShapes filters words before the cue map is asked: a bit per word length
// for each first and last letter of the table's first words; a word of
// another shape (a digit, an accent) is always asked.
var cueShapes = func() (sh [26][26]uint64) {
	for w := range cues {
		if a, z := w[0]-'a', w[len(w)-1]-'a'; a < 26 && z < 26 && len(w) < 64 {
			sh[a][z] |= 1 << len(w)
		}
	}
	return sh
}()

// mayCue reports whether w can start a cue phrase.
func mayCue(w string) bool {
	if len(w) == 0 {
		return false
	}
	a, z := w[0]-'a', w[len(w)-1]-'a'
	if a >= 26 || z >= 26 || len(w) >= 64 {
		return true
	}
	return cueShapes[a][z]&(1<<len(w)) != 0
}

func buildCues() cueTable {
	t := cueTable{}
	m := func(metric claim.Metric, phrases string) { t.add(phrases, cue{metric: metric}) }
	m(claim.RevenueRunRate, "run rate|run rates|runrate|arr|annualized revenue|annualised revenue|annual revenue run rate|annual revenue rate|revenue run rate|revenue rate|annualized run rate|annualised run rate|annual run rate|annualized|annualised|recurring revenue|annual recurring revenue|annualized revenue run rate")
	m(claim.Revenue, "revenue|revenues|sales|net sales|net revenue|net revenues|turnover|top line|generating|generates|generate|generated|bookings|consolidated revenue|total revenue|revenue line|brings in|brought in|pull in|pulled in|pulling in|pulls in|bringing in|brings in|raking in|rakes in|raked in|takes in|took in|taking in")
	m(claim.NetIncome, "net income|net profit|profit|profits|earnings|net earnings|income")
	t.add("net loss|net losses|loss|losses|net loss attributable", cue{metric: claim.NetIncome, neg: true})
	m(claim.OperatingIncome, "operating income|operating profit|income from operations|operating earnings")
	t.add("operating loss|operating losses|loss from operations", cue{metric: claim.OperatingIncome, neg: true})
	m(claim.GrossProfit, "gross profit")
	m(claim.FreeCashFlow, "free cash flow|free cash flows|fcf")
	m(claim.OperatingCashFlow, "operating cash flow|operating cash flows|cash from operations|cash flow from operations|cash flows from operations|cash provided by operating activities|net cash from operating activities")
	m(claim.Margin, "margin|margins|gross margin|operating margin|net margin|profit margin|gross profit margin|operating profit margin|net profit margin|ebitda margin|adjusted ebitda margin|net income margin")
	m(claim.EPS, "eps|per share|per diluted share|per basic share|earnings per share|per ads|per adr|per adr unit|per ads unit|diluted eps|a share")
	t.add("loss per share|net loss per share|loss per diluted share", cue{metric: claim.EPS, neg: true})
	m(claim.Capex, "capital expenditures|capital expenditure|capex|capital spending|capital investment|capital investments|capital outlays|infrastructure spending|purchases of property and equipment|additions to property and equipment|property and equipment|spending on data centers|capital spend|capital projects|spend|spending|spent|spends|to spend|plans to spend|will spend|invest|invests|investing|build out|buildout")
	m(claim.Backlog, "backlog|backlogs|remaining performance obligations|remaining performance obligation|rpo|revenue commitments|commitments|contracted revenue|order backlog")
	m(claim.Commitment, "committed|commits|commit|commitment to|pledged|pledge|deal worth|agreement worth|contract worth|deal valued at")
	m(claim.DeployedUnits, "deployed|shipped|in production|in service|installed|in operation|delivered|shipments|deliver|delivers|to deliver|ship|ships")
	m(claim.Customers, "customers|clients|companies|businesses|enterprises|organizations|organisations")
	m(claim.Users, "users|subscribers|members|monthly active users|daily active users|active users|accounts|subscriptions")
	m(claim.Employees, "employees|staff|workers|headcount|workforce|employs|employed|people employed|jobs")
	m(claim.Capacity, "capacity|of capacity|compute capacity|power capacity")
	m(claim.MarketShare, "market share|share of the market|share of the|share|held|holds|hold|controls|controlled|commands|captured|accounts for|accounted for")
	m(claim.Valuation, "worth|firm worth|company worth|valued at|valuation|valuing|values|value|valued|market value|market capitalization|market cap|post money|pre money")
	m(claim.Commitment, "compute commitments|compute commitment|compute deal|compute deals|cloud contract|cloud deal|agreed to buy|agreed to spend|to buy|buying|buy|signed|signs|put|puts|putting|will put|would put|purchase commitments|supply|to supply|will supply|contract|contracts|contract worth|deal worth|agreement|agreements|compute commitments worth|commitments worth|capacity worth|services worth|compute worth|commitment|follow on commitment|pledges|pledged|pledge")
	t.add("infrastructure|data centers|data centres|data center|data centre|ai infrastructure", cue{metric: claim.Capex, right: true})
	t.add("investors|investor", cue{metric: claim.Funding, right: true})
	t.add("for the week|on the week|for the day|on the day|week to date|so far this week|for the session|in the session|in a single session|in one session|in a single day|in one day", cue{drop: true}) // share moves
	t.add("each gigawatt|per gigawatt|every gigawatt|a gigawatt|each megawatt|per megawatt|exercise price|strike price", cue{drop: true})                                                                // unit prices
	t.add("price target|target price|share price|stock price|shares closed|closed at|traded at|trading at|tickets|ticket|passes|pass|admission|discount|discounts|priced at|retail price|costs just|starts at|per month subscription|subscription costs|a month for|per person|per attendee|per seat|per ticket|a head|entry fee|registration|par value|stated value|shares rose|shares fell|shares jumped|shares slid|shares dropped|shares climbed|shares gained|shares surged|shares plunged|shares soared|shares tumbled|shares sank|stock rose|stock fell|stock jumped|price dropped|price fell|price rose|price jumped|price climbed|price slid|price declined|price sank|price surged|shares surging|shares jumping|shares rising|shares falling|shares climbing|shares sliding|shares dropping|shares soaring|shares plunging|shares tumbling|shares sinking|stock rising|stock falling|stock jumping|stock surging|stock soaring|stock sliding|stock plunging|stock price|extended trading|premarket trading|after hours trading|after hours|in early trading|closed up|closed down", cue{drop: true})
	m(claim.Users, "daily active people|monthly active people|active people|daily actives|monthly actives|weekly active users|weekly users")
	m(claim.Funding, "closed on|syndicate|raised|raises|raise|raising|funding|funding round|investment|invested|financing|round|series a|series b|series c|series d|series e|series f|series g|venture funding|lands|landed|secures|secured|putting up|puts up|put up|new funding|new money|fundraising|fundraise|equity|package|financing package|debt and equity|equity and debt|seeks|seeking|to raise|in talks to raise")
	m(claim.Utilization, "utilization|utilisation|utilization rate|occupancy")
	m(claim.Expenses, "expenses|expense|costs|cost|severance|severance packages|severance pay|severance costs|restructuring costs|restructuring charges|operating expenses|opex|cost of revenue|cost of revenues|cost of sales|cost of goods sold|costs of revenue|sales and marketing|selling and marketing|research and development|general and administrative|selling general and administrative|total costs and expenses|costs and expenses|outlays|total expenses|depreciation|depreciation expense|charge|charges|write down|writedown|write off|impairment|impairment charge")
	m(claim.Other, "valuation gain|investment gain|gain on|paper gain|one time gain|gain of")
	// balance-sheet and cash-flow lines of a filing: amounts held or owed,
	// not the metrics their words also name
	m(claim.Other, "accounts receivable|accounts payable|shareholders equity|stockholders equity|shareholders' equity|stockholders' equity|total shareholders|total stockholders|total liabilities|total assets|total current assets|total current liabilities|property and equipment net|equity securities|equity awards|equity investments|cash and cash equivalents|marketable securities|retained earnings|accumulated other|prepaid|prepaid supply|net cash used in investing activities|net cash provided by investing activities|net cash used in financing activities|net cash provided by financing activities|cash used in financing activities|cash generated by financing activities|cash used in investing activities|cash generated by investing activities|financing activities|investing activities|foreign exchange contracts|interest rate contracts|derivative instruments|beginning balances|ending balances|restricted cash|fair value|carrying amount|carrying value|aggregate carrying amount|notional amount|principal amount|commercial paper|fair value of debt|present value|deferred revenue|deferred income taxes|inventories|goodwill|intangible assets net|operating lease liabilities|lease liabilities")
	t.add("cash burn|burn|burning|burned|burnt|burns", cue{metric: claim.FreeCashFlow, neg: true})
	t.add("business|businesses|company", cue{metric: claim.Revenue, right: true})
	t.add("deal|deals|pact|partnership", cue{metric: claim.Commitment, right: true}) // "a $100 billion deal with Nvidia"
	m(claim.Growth, "growth|growth rate|increase|increases|rise|gain|jump|decline|drop|surge|expansion|year over year growth|growth year over year")
	up := func(phrases string) { t.add(phrases, cue{change: +1}) }
	down := func(phrases string) { t.add(phrases, cue{change: -1}) }
	up("skyrocketed|skyrockets|skyrocket|rocketed|ballooned|balloon|balloons|leapt|leaped|spiked|swelled|widened|widening|widens|grew|grow|grows|growing|rose|rise|rises|rising|up|increased|increasing|climbed|climb|climbs|jumped|jumps|surged|surges|soared|soars|gained|gains|expanded|expands|accelerated|higher|added|adds|rebounded|advanced|boosted|an increase of|a rise of|a gain of|a jump of|growth of|climbing|jumping|surging|soaring|gaining|advancing|rocketing|ballooning|swelling|spiking")
	down("narrowed|narrowing|narrows|down|fell|fall|falls|falling|declined|decline|declines|declining|decreased|decrease|decreases|dropped|drop|drops|slipped|slips|slid|slumped|plunged|plunges|tumbled|sank|shrank|shrinks|contracted|lower|lost|a decline of|a drop of|a decrease of|cut|cuts|reduced|dropping|sliding|slipping|tumbling|plunging|sinking|shrinking|slumping|contracting")
	basis := func(b, phrases string) { t.add(phrases, cue{basis: b}) }
	basis("yoy", "from the year before|from a year before|than a year ago|than a year earlier|from the same quarter last year|from the same period last year|over the same period|year over year|year on year|yoy|y y|from a year ago|from a year earlier|from last year|from the prior year|over the prior year|from the previous year|compared to a year ago|compared with a year ago|versus a year ago|vs a year ago|from the year ago|from the year earlier|year ago|a year earlier|annual growth|same period last year|same quarter last year|year over year growth")
	basis("qoq", "from the first quarter|from the second quarter|from the third quarter|from the fourth quarter|over the second quarter|over the first quarter|over the third quarter|quarter over quarter|quarter on quarter|qoq|q q|sequential|sequentially|from the previous quarter|from the prior quarter|from the preceding quarter|over the previous quarter|over the prior quarter|from last quarter|compared with the previous quarter|compared to the previous quarter")
	basis("yoy", "annual growth|annual growth rate|annual revenue growth|annual revenue growth rate|annualized growth")
	t.add("compared to last year|compared with last year|compared to a year ago|compared with a year ago|versus last year|versus a year ago|over last year", cue{basis: "yoy", compare: true})
	basis("qoq", "three months earlier|three months ago|a quarter earlier|a quarter ago|the quarter before|one quarter earlier")
	basis("qoq", "in one quarter|in just one quarter|in a single quarter|in a quarter|quarter to quarter|a quarter|per quarter|each quarter|every quarter")
	// a comparison with guidance or the consensus is no forecast of its own
	t.add("beats estimates|beat estimates|beating estimates|tops estimates|topped estimates|topping estimates|misses estimates|missed estimates|ahead of estimates|above estimates|below estimates|beats expectations|beat expectations|tops expectations|topped expectations|missed expectations|ahead of expectations", cue{compare: true})
	t.add("in line with guidance|in line with its guidance|in line with expectations|above guidance|below guidance|ahead of guidance|above its guidance|below its guidance|top of its guidance|top end of guidance|beat guidance|beating guidance|topped guidance", cue{compare: true})
	basis("mom", "month over month|month on month|mom|from the previous month|from last month")
	t.add("capital budget|capex budget|spending plan|capital spending plan|investment plan|investment plans|investment program", cue{metric: claim.Capex, modality: claim.Forecast})
	fc := func(phrases string) { t.add(phrases, cue{modality: claim.Forecast}) }
	fc("expects|expected|expect|expecting|projected|projects|projection|projections|forecast|forecasts|forecasted|forecasting|guidance|guided|guides|outlook|anticipates|anticipated|anticipate|estimate|estimates|could|would|might|may|will|should|likely|predicts|predicted|sees|plan|plans to spend|on track to|poised to|set to|is to|are to|earmarking|earmarked|budgeted|consensus|analysts expect|is seen|are seen|to be between|to be in the range|in the range of|calls for|plans|planned|planning|in talks|in talks to raise|seeks|seeking|designed to|we model|we now model|will spend|plans to spend|to spend|we see|sees|bull case|bear case|base case|consensus estimate|average estimate|estimates for|scheduled to|slated to|due to begin|expectations|expectation|expectations of|was looking for|were looking for|had been looking for")
	tg := func(phrases string) { t.add(phrases, cue{modality: claim.Target}) }
	tg("goal|goals|target|targets|targeting|aims|aim|aiming|ambition|aspires|wants to reach|seeks to|objective")
	t.add("running at|running|pace|a pace|on pace|runs at|run at|ran at|runs", cue{runRate: true})
	t.add("to reach|reach|reaching|climb to|rise to|grow to|then to|hit|to hit", cue{continues: true})
	t.add("a year|per year|each year|annually|per annum|a year pace|every year|yearly", cue{annual: true})
	t.add("compared with|compared to|versus|vs|up from|down from|from|against|relative to|from the|in contrast to|lower than the|higher than the|lower than|higher than", cue{compare: true})
	return t
}
