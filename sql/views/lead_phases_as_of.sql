-- Table macro: one row per lead in a scope that existed at the end of day `as_of`: its span
-- then (scoped_lead_events with left_at NULL: phase, phase configuration, the *_on days reached
-- by then), `phase_day` the day it entered that phase, `last_change_day` the day of its last
-- change (phase event or field change) and `by_value`, the value of the grouping column
-- `group_col` ('' = no grouping: no lead row is read then), as the lead's field was then
-- (lead_by_values, where the grouping columns are listed).
-- Usage: SELECT * FROM lead_phases_as_of('all', '', DATE '2026-03-31', 'source')
CREATE OR REPLACE MACRO main.lead_phases_as_of(scope_kind, scope_id, as_of, group_col) AS TABLE
WITH current_span AS (
    -- the span holding the end of day as_of (the filter on left_at before anything else)
    SELECT * FROM main.scoped_lead_events(scope_kind, scope_id, as_of)
    WHERE left_day IS NULL
), last_field_change AS (
    SELECT c.lead_id, CAST(timezone('Europe/Amsterdam', max(c."at")) AS DATE) AS day
    FROM store.lead_changes c
    WHERE c."at" < main.day_end(as_of)
    GROUP BY 1
), spans AS (
    SELECT e.*, e."at" AS phase_since, e.day AS phase_day,
           greatest(e.day, coalesce(f.day, e.day)) AS last_change_day
    FROM current_span e
    LEFT JOIN last_field_change f ON f.lead_id = e.lead_id
)
SELECT s.*, l.by_value
FROM spans s
-- with no grouping lead_by_values is empty and no lead row is read (one SELECT, not a UNION of
-- the two cases: that would cost the column statistics DuckDB compresses lead ids with)
LEFT JOIN main.lead_by_values(as_of, group_col) l ON l.lead_key = s.lead_key;
