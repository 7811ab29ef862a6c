-- The changes of every assignment's invoiced hours known per day, H(d) (bonus-rules.md, "When it
-- is earned"), as delta rows: H(d) of an assignment is the sum of its deltas with day <= d.
-- Independent of any as-of date. A revision is known from its status_date until the first
-- status_date of a higher revision of its line, i.e. the known-at rule of
-- timesheet_lines_known_at(as_of) stated over time (tests/bonuses/test_bonus_model.py checks
-- that both agree on every day). Two parts:
-- - every invoiced revision adds its hours on its status_date: straight from the table, no
--   join, no sort (status is lower case in the store: the ingest normalises it);
-- - bonus_hour_corrections takes them away again where a higher revision supersedes them.
CREATE OR REPLACE VIEW main.bonus_hour_deltas AS
SELECT assignment_id, status_date AS day, hours AS delta
FROM store.timesheet_lines
WHERE status = 'invoiced' AND hours <> 0
UNION ALL
SELECT assignment_id, day, delta
FROM main.bonus_hour_corrections;
