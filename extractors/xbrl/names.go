package xbrl

import (
	"strings"
	"unicode"

	"github.com/claimwire/claimwire/claim"
)

// concept says what a us-gaap concept measures. rank orders concepts that
// give the same metric: the lowest rank present for a period wins.
type concept struct {
	metric  claim.Metric
	segment string // a fixed segment ("R&D"); such concepts take no dimension
	rank    int
	instant bool // measured at a point in time (balance-sheet style)
}

var concepts = map[string]concept{
	"us-gaap:Revenues": {metric: claim.Revenue},
	"us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax":         {metric: claim.Revenue, rank: 1},
	"us-gaap:RevenueFromContractWithCustomerIncludingAssessedTax":         {metric: claim.Revenue, rank: 2},
	"us-gaap:SalesRevenueNet":                                             {metric: claim.Revenue, rank: 3},
	"us-gaap:NetIncomeLoss":                                               {metric: claim.NetIncome},
	"us-gaap:OperatingIncomeLoss":                                         {metric: claim.OperatingIncome},
	"us-gaap:GrossProfit":                                                 {metric: claim.GrossProfit},
	"us-gaap:EarningsPerShareDiluted":                                     {metric: claim.EPS},
	"us-gaap:EarningsPerShareBasicAndDiluted":                             {metric: claim.EPS, rank: 1},
	"us-gaap:EarningsPerShareBasic":                                       {metric: claim.EPS, rank: 2},
	"us-gaap:PaymentsToAcquirePropertyPlantAndEquipment":                  {metric: claim.Capex},
	"us-gaap:PaymentsToAcquireProductiveAssets":                           {metric: claim.Capex, rank: 1},
	"us-gaap:NetCashProvidedByUsedInOperatingActivities":                  {metric: claim.OperatingCashFlow},
	"us-gaap:RevenueRemainingPerformanceObligation":                       {metric: claim.Backlog, instant: true},
	"us-gaap:OperatingExpenses":                                           {metric: claim.Expenses},
	"us-gaap:CostsAndExpenses":                                            {metric: claim.Expenses, rank: 1},
	"us-gaap:ResearchAndDevelopmentExpense":                               {metric: claim.Expenses, segment: "R&D"},
	"us-gaap:ResearchAndDevelopmentExpenseExcludingAcquiredInProcessCost": {metric: claim.Expenses, segment: "R&D", rank: 1},
}

// unitFits reports whether a claim unit suits the metric: per-share units for
// eps, a currency for the rest.
func unitFits(m claim.Metric, unit string) bool {
	perShare := strings.HasSuffix(unit, "/share")
	if m == claim.EPS {
		return perShare
	}
	return len(unit) == 3 && !perShare
}

// segmentAxes are the dimensions whose members name a part of the business.
var segmentAxes = map[string]bool{
	"srt:ProductOrServiceAxis":              true,
	"us-gaap:StatementBusinessSegmentsAxis": true,
	"srt:StatementGeographicalAxis":         true,
}

// totalMembers stand for the whole company, or for no part of it, on their axes.
var totalMembers = map[string]bool{
	"us-gaap:OperatingSegmentsMember":         true,
	"us-gaap:CorporateNonSegmentMember":       true,
	"us-gaap:SegmentReconcilingItemsMember":   true,
	"us-gaap:MaterialReconcilingItemsMember":  true,
	"us-gaap:IntersegmentEliminationMember":   true,
	"us-gaap:AllOtherSegmentsMember":          true,
	"srt:ConsolidationEliminationsMember":     true,
	"us-gaap:ConsolidationEliminationsMember": true,
}

// segmentOf returns the segment a context narrows its facts to: "" and true
// for the whole company, a name and true for one member of a segment axis
// (the operating-segments consolidation member alongside it is allowed),
// false for any other dimension.
func segmentOf(c *xcontext) (string, bool) {
	if c.typed {
		return "", false
	}
	var seg *member
	for i, m := range c.members {
		switch {
		case m.axis == "srt:ConsolidationItemsAxis" && m.value == "us-gaap:OperatingSegmentsMember":
		case segmentAxes[m.axis] && !totalMembers[m.value] && seg == nil:
			seg = &c.members[i]
		default:
			return "", false
		}
	}
	if seg == nil {
		return "", len(c.members) == 0
	}
	name := humanize(seg.value, seg.axis == "srt:StatementGeographicalAxis")
	return name, name != ""
}

// memberNames are members whose names the generic rule gets wrong.
var memberNames = map[string]string{
	"IPhone": "iPhone", "IPad": "iPad", "Mac": "Mac", "IMac": "iMac",
	"WearablesHomeandAccessories":             "wearables, home and accessories",
	"OEMAndOther":                             "OEM and other",
	"ComputeAndNetworking":                    "compute and networking",
	"RestOfAsiaPacific":                       "Rest of Asia Pacific",
	"ChinaIncludingHongKong":                  "China (including Hong Kong)",
	"AllOtherCountriesNotSeparatelyDisclosed": "other countries",
	"NonUs":   "outside the United States",
	"Product": "products",
	"Service": "services",
}

var countries = map[string]string{
	"US": "United States", "CN": "China", "TW": "Taiwan", "SG": "Singapore", "JP": "Japan",
	"KR": "South Korea", "DE": "Germany", "GB": "United Kingdom", "IN": "India", "IE": "Ireland",
	"NL": "Netherlands", "IL": "Israel", "CA": "Canada", "HK": "Hong Kong", "FR": "France",
}

// properWords keep their capital letter in a segment name.
var properWords = map[string]bool{
	"Americas": true, "America": true, "China": true, "Greater": true, "Europe": true, "Japan": true,
	"Asia": true, "Pacific": true, "Taiwan": true, "Singapore": true, "United": true, "States": true,
	"Korea": true, "India": true, "Hong": true, "Kong": true, "Latin": true, "North": true, "EMEA": true,
	"APAC": true, "Mac": true, "Azure": true, "Windows": true, "Office": true, "Xbox": true, "AWS": true,
}

// humanize turns a member QName into words: "nvda:DataCenterMember" → "data
// center", "aapl:GreaterChinaSegmentMember" → "Greater China", "country:TW" →
// "Taiwan". Geographic names keep title case.
func humanize(qname string, geographic bool) string {
	prefix, local := splitName(qname)
	if prefix == "country" {
		if c, ok := countries[local]; ok {
			return c
		}
		return local
	}
	local = strings.TrimSuffix(local, "Member")
	if l := strings.TrimSuffix(local, "Segment"); l != "" {
		local = l
	}
	if n, ok := memberNames[local]; ok {
		return n
	}
	ws := camelWords(local)
	for i, w := range ws {
		switch {
		case w == "I" && i+1 < len(ws): // IPhone → iPhone
			ws[i+1] = "i" + ws[i+1]
			ws[i] = ""
		case isAcronym(w) || properWords[w] || (geographic && !smallWords[strings.ToLower(w)]):
		default:
			ws[i] = strings.ToLower(w)
		}
	}
	return strings.Join(strings.Fields(strings.Join(ws, " ")), " ")
}

var smallWords = map[string]bool{"and": true, "of": true, "the": true, "in": true, "excluding": true, "including": true}

func isAcronym(w string) bool {
	if len(w) < 2 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// camelWords splits "OEMAndOtherDataCenter2" into OEM, And, Other, Data, Center, 2.
func camelWords(s string) []string {
	rs := []rune(s)
	var out []string
	start := 0
	for i := 1; i < len(rs); i++ {
		prev, cur := rs[i-1], rs[i]
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		split := (unicode.IsLower(prev) && unicode.IsUpper(cur)) ||
			(unicode.IsUpper(prev) && unicode.IsUpper(cur) && unicode.IsLower(next)) ||
			(unicode.IsDigit(prev) != unicode.IsDigit(cur))
		if split {
			out = append(out, string(rs[start:i]))
			start = i
		}
	}
	if start < len(rs) {
		out = append(out, string(rs[start:]))
	}
	return out
}

// shortNames maps registrant names (normalized by nameKey) to the short
// canonical names the rest of Claimwire uses.
var shortNames = map[string]string{
	"apple inc": "Apple", "nvidia corp": "Nvidia", "nvidia corporation": "Nvidia",
	"adobe inc": "Adobe", "adobe systems inc": "Adobe", "microsoft corp": "Microsoft",
	"microsoft corporation": "Microsoft", "alphabet inc": "Alphabet", "amazoncom inc": "Amazon",
	"meta platforms inc": "Meta", "advanced micro devices inc": "AMD", "oracle corp": "Oracle",
	"oracle corporation": "Oracle", "broadcom inc": "Broadcom", "tesla inc": "Tesla",
	"intel corp": "Intel", "intel corporation": "Intel", "salesforce inc": "Salesforce",
	"international business machines corp": "IBM", "international business machines corporation": "IBM",
	"coreweave inc": "CoreWeave", "micron technology inc": "Micron", "qualcomm inc": "Qualcomm",
	"qualcomm incorporated": "Qualcomm", "super micro computer inc": "Supermicro",
	"taiwan semiconductor manufacturing co ltd": "TSMC", "palantir technologies inc": "Palantir",
	"netflix inc": "Netflix", "dell technologies inc": "Dell",
}

var legalSuffixes = map[string]bool{
	"inc": true, "incorporated": true, "corp": true, "corporation": true, "co": true, "company": true,
	"ltd": true, "limited": true, "plc": true, "llc": true, "lp": true, "nv": true, "sa": true, "ag": true, "se": true,
}

// ShortName returns the short canonical name of a registrant: a known
// company from a small table ("NVIDIA CORP" → "Nvidia", "Apple Inc." →
// "Apple"), else the name without its legal suffix, title-cased when it is
// all capitals ("EXAMPLE CLOUD CORP" → "Example Cloud").
func ShortName(registrant string) string {
	name := strings.Join(strings.Fields(registrant), " ")
	if n, ok := shortNames[nameKey(name)]; ok {
		return n
	}
	ws := strings.Fields(name)
	for len(ws) > 1 && legalSuffixes[nameKey(ws[len(ws)-1])] {
		ws = ws[:len(ws)-1]
	}
	name = strings.TrimRight(strings.Join(ws, " "), " ,.")
	if strings.ToUpper(name) == name {
		ws = strings.Fields(strings.ToLower(name))
		for i, w := range ws {
			r := []rune(w)
			r[0] = unicode.ToUpper(r[0])
			ws[i] = string(r)
		}
		name = strings.Join(ws, " ")
	}
	return name
}

// nameKey lowercases a name and drops its punctuation: "Amazon.com, Inc." → "amazoncom inc".
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' {
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
