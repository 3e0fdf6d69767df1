-- Fact changes wait here, written in the transaction that made them, until the
-- NATS pipeline has published them: a crash between the commit and the
-- publish loses none (as the outbox does for new claims). A row holds the
-- changes of one save as a JSON array of event payloads.
CREATE TABLE fact_outbox (
	seq  INTEGER PRIMARY KEY,
	data TEXT NOT NULL
) STRICT;
