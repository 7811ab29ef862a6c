-- Table macro: one row per lead in a scope that existed at the end of day `as_of`, with its
-- phase then (from the event log, not the current state), the day it entered that phase, the
-- day of its last change (phase event or field change) and `by_value`, the value of the
-- grouping column `group_col` ('' = no grouping). The grouping columns are listed here only.
-- Usage: SELECT * FROM leads_as_of('person', 'P-1', DATE '2026-03-31', 'business_unit')
CREATE OR REPLACE MACRO main.leads_as_of(scope_kind, scope_id, as_of, group_col) AS TABLE
WITH last_event AS (
    SELECT * FROM main.scoped_lead_events(scope_kind, scope_id, as_of)
    QUALIFY row_number() OVER (PARTITION BY lead_id ORDER BY seq DESC) = 1
), last_field_change AS (
    SELECT c.lead_id, max(CAST(c."at" AS DATE)) AS day
    FROM store.lead_changes c
    WHERE CAST(c."at" AS DATE) <= as_of
    GROUP BY 1
)
SELECT l.lead_id, l.created_at, l.submitter_id, l.branch_id, l.business_unit, l.client_name,
       l.title, l.source, l.priority, l.category, l.is_permanent_role, l.is_hours_extension,
       e.phase, e.phase_group, e.outcome, e.is_end, e.reason, e."at" AS phase_since,
       e.day AS phase_day,
       greatest(e.day, coalesce(f.day, e.day)) AS last_change_day,
       CASE group_col
           WHEN '' THEN NULL
           WHEN 'business_unit' THEN l.business_unit
           WHEN 'branch_id' THEN l.branch_id
           WHEN 'source' THEN l.source
           WHEN 'submitter_id' THEN l.submitter_id
           WHEN 'priority' THEN l.priority
           WHEN 'category' THEN l.category
           WHEN 'client_name' THEN l.client_name
           ELSE error('unknown grouping column ' || group_col)
       END AS by_value
FROM main.scoped_leads(scope_kind, scope_id) l
JOIN last_event e ON e.lead_id = l.lead_id
LEFT JOIN last_field_change f ON f.lead_id = l.lead_id;
