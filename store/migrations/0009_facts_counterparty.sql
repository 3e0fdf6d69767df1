-- A fact is now also its counterparty when its claims name one: Microsoft's
-- and Nvidia's investments in Anthropic in one quarter are two facts, not one
-- fact in conflict. Facts keep their canonical counterparty ('' for none).
-- The fact key of a claim with a counterparty changes, which SQL cannot
-- compute: this version's Go step (rekeyCounterparties in migrate.go) re-keys
-- those claims and recomputes the facts they leave and join, in this
-- migration's transaction. Claims without a counterparty keep their keys.
ALTER TABLE facts ADD COLUMN counterparty TEXT NOT NULL DEFAULT '';
