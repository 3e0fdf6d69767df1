package extractors

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Aliases maps the names a text may use for a subject (lower case, words
// separated by single spaces) to its canonical short name: "amazon web
// services" → "AWS". A name mapping to itself makes it known. The built-in
// table is DefaultAliases; ParseAliases reads more from a file.
type Aliases map[string]string

// Canonical returns the canonical name for name, and whether it is known.
func (a Aliases) Canonical(name string) (string, bool) {
	c, ok := a[aliasKey(name)]
	return c, ok
}

func aliasKey(name string) string {
	name = strings.ToLower(strings.ReplaceAll(name, "’", "'"))
	name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "'")
	return strings.Join(strings.Fields(name), " ")
}

// Merge returns a new table with b's entries over a's.
func (a Aliases) Merge(b Aliases) Aliases {
	out := make(Aliases, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

// ParseAliases reads an alias file: one subject a line, "Canonical: alias,
// alias, ...", blank lines and lines starting with # ignored.
func ParseAliases(r io.Reader) (Aliases, error) {
	out := Aliases{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		canon, rest, ok := strings.Cut(line, ":")
		canon = strings.TrimSpace(canon)
		if !ok || canon == "" {
			return nil, fmt.Errorf("aliases line %d: want \"Canonical: alias, alias\"", n)
		}
		out[aliasKey(canon)] = canon
		for _, a := range strings.Split(rest, ",") {
			if a = strings.TrimSpace(a); a != "" {
				out[aliasKey(a)] = canon
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("aliases: %w", err)
	}
	return out, nil
}

// DefaultAliases returns a fresh copy of the built-in subject table:
// companies, their products and units that figures are about.
func DefaultAliases() Aliases {
	a, err := ParseAliases(strings.NewReader(builtinAliases))
	if err != nil {
		panic(err) // the built-in table is a constant
	}
	return a
}

const builtinAliases = `
Amazon: Amazon.com, Amazon.com Inc, AMZN
AWS: Amazon Web Services, Amazon Web Service
Alphabet: Google, Alphabet Inc, GOOGL, GOOG
Google Cloud: Google Cloud Platform, GCP
Meta: Meta Platforms, Meta Platforms Inc, Facebook, META
Microsoft: Microsoft Corp, Microsoft Corporation, MSFT
Azure: Microsoft Azure
Microsoft Cloud:
Nvidia: NVIDIA Corp, NVIDIA Corporation, NVDA, Nvidia Corp
TSMC: Taiwan Semiconductor Manufacturing, Taiwan Semiconductor Manufacturing Co, Taiwan Semiconductor Manufacturing Company, Taiwan Semiconductor, TSM
CoreWeave: CRWV, CoreWeave Inc
Apple: Apple Inc, AAPL
Tesla: Tesla Inc, TSLA
OpenAI:
Anthropic:
Oracle: Oracle Corp, Oracle Corporation, ORCL
Oracle Cloud Infrastructure: OCI
IBM: International Business Machines
Intel: Intel Corp, INTC
AMD: Advanced Micro Devices
Broadcom: AVGO
Samsung: Samsung Electronics
Qualcomm:
Arm: Arm Holdings
Micron: Micron Technology
SK Hynix: SK hynix
Salesforce:
Netflix:
Uber:
xAI:
Mistral: Mistral AI
Databricks:
Snowflake:
Palantir:
Dell: Dell Technologies
Super Micro: Supermicro, Super Micro Computer, SMCI
Cisco: Cisco Systems
Adobe:
SAP:
Alibaba: Alibaba Group, Alibaba Cloud
Tencent:
Baidu:
ByteDance:
Huawei:
SoftBank: SoftBank Group, SoftBank Group Corp
SoftBank Vision Fund: Vision Fund
Nscale:
ASML:
Intel Foundry:
Trainium: Trainium chips
Trainium2:
Trainium3:
Inferentia:
Graviton:
Bedrock: Amazon Bedrock
Project Rainier:
Annapurna Labs:
Gemini:
Claude:
Llama:
Grok:
ChatGPT:
Copilot: Microsoft Copilot, GitHub Copilot
GitHub:
LinkedIn:
YouTube:
Instagram:
WhatsApp:
Waymo:
DeepMind: Google DeepMind
SpaceX:
Starlink:
Blackwell:
Hopper:
Lambda: Lambda Labs
Nebius:
Cerebras:
Groq:
Intuit:
ServiceNow:
Shopify:
Walmart:
Costco:
Berkshire Hathaway:
JPMorgan: JPMorgan Chase, JP Morgan
Goldman Sachs:
Morgan Stanley:
Visa:
Mastercard:
PayPal:
Stripe:
Airbnb:
Spotify:
Disney: Walt Disney, The Walt Disney Company
Comcast:
Verizon:
AT&T:
T-Mobile:
Boeing:
Ford: Ford Motor
General Motors: GM
Toyota:
BYD:
Rivian:
Lucid:
Foxconn: Hon Hai
Sony:
Nintendo:
Xiaomi:
Lenovo:
HP: HP Inc
HPE: Hewlett Packard Enterprise
Equinix:
Digital Realty:
Vertiv:
Arista: Arista Networks
Marvell: Marvell Technology
Applied Materials:
Lam Research:
KLA:
Texas Instruments:
Infineon:
NXP:
STMicroelectronics:
GlobalFoundries:
SMIC:
Cloudflare:
CrowdStrike:
Palo Alto Networks:
Zoom:
Workday:
Atlassian:
MongoDB:
Twilio:
Coinbase:
Robinhood:
`

// publishers are named as sources of a figure, never as its subject.
var publishers = setOf("bloombergnef", "bnef", "iea", "international energy agency", "epri",
	"electric power research institute", "goldman sachs research", "morgan stanley research", "lseg data",
	"synergy research group", "dell'oro", "dell'oro group", "omdia", "mckinsey", "bain", "deloitte", "pwc",
	"citi", "jefferies", "bernstein", "evercore", "evercore isi", "wedbush", "ubs", "barclays", "bofa",
	"bank of america", "hsbc", "mizuho", "piper sandler", "raymond james", "needham", "oppenheimer", "kepler", "reuters", "bloomberg", "geekwire", "cnbc", "rttnews", "business wire", "businesswire",
	"pr newswire", "globenewswire", "the information", "the verge", "techcrunch", "wsj", "wall street journal",
	"the wall street journal", "financial times", "ft", "ap", "associated press", "nikkei", "axios", "barron's",
	"marketwatch", "seeking alpha", "yahoo finance", "zacks", "motley fool", "the motley fool", "forbes", "fortune",
	"business insider", "insider", "the new york times", "new york times", "washington post", "the guardian",
	"semianalysis", "idc", "gartner", "canalys", "synergy research", "synergy research group", "counterpoint", "counterpoint research",
	"trendforce", "morningstar", "factset", "lseg", "refinitiv", "s&p global", "visible alpha", "the register",
	"ars technica", "wired", "the economist", "cnn", "bbc", "fox business", "investing.com", "benzinga")

// regions name a segment of a company, not a company.
var regions = setOf("paris", "london", "tokyo", "beijing", "shanghai", "shenzhen", "new york", "san francisco",
	"seattle", "memphis", "taipei", "seoul", "hsinchu", "munich", "berlin", "dublin", "amsterdam", "singapore",
	"hong kong", "silicon valley", "texas", "california", "ohio", "virginia", "louisiana", "arizona", "oregon",
	"georgia", "wisconsin", "indiana", "iowa", "nevada", "utah", "washington", "new jersey", "britain",
	"england", "scotland", "wales", "ireland", "sweden", "norway", "finland", "denmark", "spain", "italy",
	"netherlands", "switzerland", "poland", "brazil", "mexico", "australia", "saudi arabia", "uae", "qatar",
	"israel", "vietnam", "malaysia", "indonesia", "thailand", "philippines", "abu dhabi", "dubai", "riyadh",
	"bangalore", "mumbai", "delhi", "toronto", "montreal", "vancouver", "sydney", "melbourne", "santa clara",
	"cupertino", "redmond", "menlo park", "mountain view", "austin", "dallas", "phoenix", "atlanta", "chicago",
	"boston", "los angeles", "oklahoma city", "houston", "nordic", "nordics", "european union", "eu", "north america", "international", "europe", "asia", "china", "greater china", "emea",
	"americas", "apac", "asia pacific", "japan", "u.s", "us", "united states", "latin america", "rest of world",
	"india", "germany", "uk", "united kingdom", "canada", "taiwan", "korea", "south korea", "france",
	"middle east", "africa", "western europe", "eastern europe", "worldwide")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
