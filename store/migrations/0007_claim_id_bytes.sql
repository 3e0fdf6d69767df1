-- Claim ids are 32 hex digits, and the UNIQUE constraint's index on their
-- text took a random insert per new claim with 32 bytes in each entry: at
-- 120k claims about 1,140 of the 5,200 WAL pages an ingest batch of 2,000
-- claims wrote. claims_id holds the 16 bytes the digits spell instead (the
-- text itself for an id that is not hex digits or has an upper-case digit,
-- so no two ids share an entry and it is as unique as the text), about 700
-- pages a batch. The table is rebuilt, as is, without the constraint whose
-- index this replaces; seqs are kept, so the full-text index and the outbox
-- still point at the same claims. See claimIDIndexed in bulk.go.
CREATE TABLE claims_v2 (
	seq           INTEGER PRIMARY KEY,
	id            TEXT NOT NULL,
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

INSERT INTO claims_v2 SELECT * FROM claims ORDER BY seq;
DROP TABLE claims;
ALTER TABLE claims_v2 RENAME TO claims;

CREATE UNIQUE INDEX claims_id ON claims (iif(id GLOB '*[A-F]*', id, coalesce(unhex(id), id)));
CREATE INDEX claims_subject ON claims (canonical, published, seq, metric) WHERE superseded_at IS NULL;
CREATE INDEX claims_published ON claims (published, seq) WHERE superseded_at IS NULL;
CREATE INDEX claims_doc ON claims (doc_id);
CREATE INDEX claims_fact ON claims (coalesce(unhex(substr(fact_key, 1, 8)), fact_key));
