package natsbus

import (
	"strings"
	"time"

	"github.com/claimwire/claimwire/claim"
	"github.com/nats-io/nats.go/jetstream"
)

// DefaultPrefix namespaces every subject, stream, consumer and bucket.
const DefaultPrefix = "claimwire"

// DuplicateWindow is how long the claims stream remembers Nats-Msg-Ids. A claim
// event is re-sent only when the store writer crashed between publishing it and
// marking it published in the outbox; two hours covers a crash, an alert and a
// restart by hand, while keeping the server's in-memory id table small (one entry
// per claim published in the window). Beyond it the outbox alone keeps events
// unique: a claim enters the outbox once, when it is first committed.
const DuplicateWindow = 2 * time.Hour

// names derives every subject and stream name from one prefix, so they are
// defined in exactly one place.
type names struct{ prefix string }

func (n names) jobSubject(source string) string { return n.prefix + ".jobs.fetch." + Token(source) }
func (n names) docSubject(source string) string { return n.prefix + ".docs." + Token(source) }
func (n names) claimSubject(m claim.Metric, subject string) string {
	return n.prefix + ".claims." + Token(string(m)) + "." + Token(subject)
}
func (n names) factSubject(m claim.Metric, subject string) string {
	return n.prefix + ".facts." + Token(string(m)) + "." + Token(subject)
}

// streamName turns the prefix into a stream-name-safe upper-case word.
func (n names) streamName(kind string) string {
	return strings.ToUpper(Token(n.prefix)) + "_" + kind
}

func (n names) jobsStream() string   { return n.streamName("JOBS") }
func (n names) docsStream() string   { return n.streamName("DOCS") }
func (n names) claimsStream() string { return n.streamName("CLAIMS") }
func (n names) factsStream() string  { return n.streamName("FACTS") }
func (n names) leaseBucket() string  { return Token(n.prefix) + "_leases" }
func (n names) crawlBucket() string  { return Token(n.prefix) + "_crawl" }
func (n names) fetchConsumer() string {
	return Token(n.prefix) + "_fetch"
}
func (n names) storeConsumer(writer string) string {
	return Token(n.prefix) + "_store_" + Token(writer)
}

// Token normalizes a subject token: lower case, only [a-z0-9_-], runs of other
// characters become one underscore, "_" for an empty result. "Microsoft Azure"
// becomes "microsoft_azure"; dots and wildcards can never leak into a subject.
func Token(s string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(s) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_'
		if !ok {
			if !under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = true
			continue
		}
		b.WriteRune(r)
		under = r == '_'
	}
	t := strings.TrimRight(b.String(), "_")
	if t == "" {
		return "_"
	}
	return t
}

// streamConfigs are the four streams of the pipeline.
func (n names) streamConfigs(p Policy) []jetstream.StreamConfig {
	return []jetstream.StreamConfig{
		{
			Name:        n.jobsStream(),
			Description: "fetch jobs, one per due source; each taken by one worker",
			Subjects:    []string{n.prefix + ".jobs.>"},
			Retention:   jetstream.WorkQueuePolicy,
			Storage:     jetstream.FileStorage,
			Duplicates:  p.JobDuplicates,
			MaxMsgSize:  1 << 20,
		},
		{
			Name:        n.docsStream(),
			Description: "extracted documents with their claims; store writers rebuild from it",
			Subjects:    []string{n.prefix + ".docs.>"},
			Retention:   jetstream.LimitsPolicy,
			Storage:     jetstream.FileStorage,
			Duplicates:  p.JobDuplicates,
			MaxAge:      p.DocsMaxAge,
			MaxMsgSize:  8 << 20,
		},
		{
			Name:        n.claimsStream(),
			Description: "new-figure events, one per new claim, kept for replay",
			Subjects:    []string{n.prefix + ".claims.>"},
			Retention:   jetstream.LimitsPolicy,
			Storage:     jetstream.FileStorage,
			Duplicates:  DuplicateWindow,
		},
		{
			Name:        n.factsStream(),
			Description: "fact-change events: a fact's previous and new state",
			Subjects:    []string{n.prefix + ".facts.>"},
			Retention:   jetstream.LimitsPolicy,
			Storage:     jetstream.FileStorage,
			Duplicates:  DuplicateWindow,
		},
	}
}
