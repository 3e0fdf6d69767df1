-- Fact changes wait here, written in the transaction that made them, until the
-- NATS pipeline has published them: a crash between the commit and the
-- publish loses none (as the outbox does for new claims). data is the change
-- as JSON, the event's payload.
CREATE TABLE fact_outbox (
	seq  INTEGER PRIMARY KEY,
	data TEXT NOT NULL
) STRICT;
