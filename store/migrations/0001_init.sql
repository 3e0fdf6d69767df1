-- Claimwire's first schema: documents, their claims, the facts claims group into,
-- subject aliases, the crawler's state, the NATS outbox and dead letters.
-- Every table is STRICT; times are RFC 3339 text in UTC; published dates are
-- YYYY-MM-DD (or longer RFC 3339) text so they sort and compare as strings.

CREATE TABLE documents (
	id           INTEGER PRIMARY KEY,
	key_url      TEXT NOT NULL UNIQUE, -- canonical URL, else URL: the identity
	url          TEXT NOT NULL,        -- the URL as last fetched
	title        TEXT NOT NULL DEFAULT '',
	published    TEXT NOT NULL DEFAULT '',
	kind         TEXT NOT NULL DEFAULT '',
	form         TEXT NOT NULL DEFAULT '',
	cik          TEXT NOT NULL DEFAULT '',
	accession    TEXT NOT NULL DEFAULT '',
	attribution  TEXT NOT NULL DEFAULT '',
	host         TEXT NOT NULL DEFAULT '', -- publisher: host without www., else attribution
	content_hash TEXT NOT NULL,
	fetched_at   TEXT NOT NULL DEFAULT '',
	first_seen   TEXT NOT NULL,
	updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX documents_url ON documents (url);

-- Claims keep every schema field; canonical is the subject after alias
-- resolution (compared case-insensitively); fact_key names the fact the claim
-- belongs to. Publisher and content hash are read from the document.
CREATE TABLE claims (
	seq           INTEGER PRIMARY KEY,
	id            TEXT NOT NULL UNIQUE,
	doc_id        INTEGER NOT NULL REFERENCES documents (id),
	subject       TEXT NOT NULL,
	canonical     TEXT NOT NULL COLLATE NOCASE,
	segment       TEXT NOT NULL DEFAULT '',
	metric        TEXT NOT NULL,
	value         REAL NOT NULL,
	value_max     REAL,
	unit          TEXT NOT NULL DEFAULT '',
	item          TEXT NOT NULL DEFAULT '',
	qualifier     TEXT NOT NULL DEFAULT '',
	period        TEXT NOT NULL DEFAULT '',
	basis         TEXT NOT NULL DEFAULT '',
	modality      TEXT NOT NULL DEFAULT '',
	attribution   TEXT NOT NULL DEFAULT '',
	counterparty  TEXT NOT NULL DEFAULT '',
	quote         TEXT NOT NULL,
	span_start    INTEGER NOT NULL,
	span_end      INTEGER NOT NULL,
	published     TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD of the document, for date filters
	fact_key      TEXT NOT NULL,
	created_at    TEXT NOT NULL,
	superseded_at TEXT,
	superseded_by TEXT -- content hash of the document version that replaced it
) STRICT;

-- The listing indexes cover current claims only: a query for current claims
-- (the default) then never reads a table row it does not return.
CREATE INDEX claims_subject_metric ON claims (canonical, metric, published, seq) WHERE superseded_at IS NULL;
CREATE INDEX claims_published ON claims (published, seq) WHERE superseded_at IS NULL;
CREATE INDEX claims_doc ON claims (doc_id);
CREATE INDEX claims_fact ON claims (fact_key);

CREATE TABLE facts (
	key           TEXT PRIMARY KEY,
	subject       TEXT NOT NULL COLLATE NOCASE, -- canonical subject
	metric        TEXT NOT NULL,
	segment       TEXT NOT NULL DEFAULT '',
	period        TEXT NOT NULL DEFAULT '',
	basis         TEXT NOT NULL DEFAULT '',
	unit          TEXT NOT NULL DEFAULT '',
	modality      TEXT NOT NULL DEFAULT '',
	value         REAL NOT NULL,
	claims        INTEGER NOT NULL,
	sources       INTEGER NOT NULL,
	corroboration INTEGER NOT NULL,
	conflict      INTEGER NOT NULL,
	updated_at    TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX facts_subject_metric ON facts (subject, metric);

-- aliases maps any name of a subject (lowercased) to its canonical name.
CREATE TABLE aliases (
	alias     TEXT PRIMARY KEY,
	canonical TEXT NOT NULL
) STRICT;

INSERT INTO aliases (alias, canonical) VALUES
	('aws', 'AWS'),
	('amazon web services', 'AWS'),
	('amazon web services inc', 'AWS'),
	('amazon', 'Amazon'),
	('amazon.com', 'Amazon'),
	('amazon.com inc', 'Amazon'),
	('amazon.com, inc.', 'Amazon'),
	('alphabet', 'Alphabet'),
	('alphabet inc', 'Alphabet'),
	('alphabet inc.', 'Alphabet'),
	('google', 'Alphabet'),
	('google cloud', 'Google Cloud'),
	('google cloud platform', 'Google Cloud'),
	('gcp', 'Google Cloud'),
	('meta', 'Meta'),
	('meta platforms', 'Meta'),
	('meta platforms inc', 'Meta'),
	('meta platforms, inc.', 'Meta'),
	('facebook', 'Meta'),
	('microsoft', 'Microsoft'),
	('microsoft corp', 'Microsoft'),
	('microsoft corporation', 'Microsoft'),
	('azure', 'Azure'),
	('microsoft azure', 'Azure'),
	('nvidia', 'Nvidia'),
	('nvidia corp', 'Nvidia'),
	('nvidia corporation', 'Nvidia'),
	('tsmc', 'TSMC'),
	('taiwan semiconductor', 'TSMC'),
	('taiwan semiconductor manufacturing', 'TSMC'),
	('taiwan semiconductor manufacturing company', 'TSMC'),
	('anthropic', 'Anthropic'),
	('anthropic pbc', 'Anthropic'),
	('openai', 'OpenAI');

CREATE TABLE source_states (
	name        TEXT PRIMARY KEY,
	kind        TEXT NOT NULL DEFAULT '',
	last_check  TEXT NOT NULL DEFAULT '',
	next_check  TEXT NOT NULL DEFAULT '',
	status      TEXT NOT NULL DEFAULT 'never',
	error_count INTEGER NOT NULL DEFAULT 0,
	last_error  TEXT NOT NULL DEFAULT '',
	documents   INTEGER NOT NULL DEFAULT 0,
	claims      INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE url_states (
	url           TEXT PRIMARY KEY,
	source        TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	content_hash  TEXT NOT NULL DEFAULT '',
	last_status   INTEGER NOT NULL DEFAULT 0,
	errors        INTEGER NOT NULL DEFAULT 0,
	fetched_at    TEXT NOT NULL DEFAULT '',
	next_check    TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX url_states_source ON url_states (source);

-- outbox holds one row per new claim (its claims.seq) until the NATS pipeline
-- has published it.
CREATE TABLE outbox (
	seq       INTEGER PRIMARY KEY,
	claim_seq INTEGER NOT NULL
) STRICT;

CREATE TABLE dead_letters (
	id         INTEGER PRIMARY KEY,
	key        TEXT NOT NULL,
	reason     TEXT NOT NULL,
	data       BLOB,
	created_at TEXT NOT NULL
) STRICT;

-- meta holds store bookkeeping (e.g. whether the full-text index must be rebuilt).
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;
