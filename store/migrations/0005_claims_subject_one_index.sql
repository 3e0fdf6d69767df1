-- One subject index instead of two. claims_subject_metric (canonical, metric,
-- published) and claims_subject_published (canonical, published) each took a
-- random insert per new claim, about a thousand WAL pages each per ingest
-- batch of 2,000 claims at 120k claims (a sixth of the batch's pages). This
-- index serves both listings: one subject's claims newest first, and one
-- subject's metric over a date range, whose metric is checked in the index
-- entry before the claim row is read (metric comes after seq so that the
-- index order stays the listing's order, with no sort).
DROP INDEX claims_subject_metric;
DROP INDEX claims_subject_published;
CREATE INDEX claims_subject ON claims (canonical, published, seq, metric) WHERE superseded_at IS NULL;
