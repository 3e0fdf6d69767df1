-- Fact keys are 16 hex digits, and both indexes on them took a random insert
-- per new claim or fact with 16 bytes of text in each entry. Indexing the
-- bytes the digits spell halves that: at 120k claims an ingest batch of 2,000
-- claims wrote about 750 pages of claims_fact and 650 of the facts key index,
-- and writes about 400 and 460 now (a tenth of the batch's WAL pages).
--
-- facts_key holds a key's 8 bytes (unhex), or the text itself for a key that
-- is not hex digits or has an upper-case digit: no two keys share an entry,
-- so it is as unique as the text. The facts table is rebuilt without the
-- UNIQUE text constraint whose index this replaces; the upsert names the
-- expression as its conflict target (see factKeyIndexed in facts.go).
CREATE TABLE facts_v3 (
	key           TEXT NOT NULL,
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
) STRICT;

INSERT INTO facts_v3 (rowid, key, subject, metric, segment, period, basis, unit, modality, value, claims, sources,
	corroboration, conflict, updated_at)
SELECT rowid, key, subject, metric, segment, period, basis, unit, modality, value, claims, sources,
	corroboration, conflict, updated_at
FROM facts ORDER BY rowid;

DROP TABLE facts;
ALTER TABLE facts_v3 RENAME TO facts;
CREATE UNIQUE INDEX facts_key ON facts (iif(key GLOB '*[A-F]*', key, coalesce(unhex(key), key)));
CREATE INDEX facts_subject_metric ON facts (subject, metric);

-- A claim's fact is found by the first 4 bytes of its key (the text for a key
-- that does not start with hex digits), then the key itself: at a million
-- facts another fact shares a prefix about once in four thousand look-ups.
DROP INDEX claims_fact;
CREATE INDEX claims_fact ON claims (coalesce(unhex(substr(fact_key, 1, 8)), fact_key));
