-- Table macro: one row per lead in a scope that existed at the end of day `as_of`, with its
-- fields as they were then (lead_fields_as_of), its phase then (from the event log, not the
-- current state), the day it entered that phase, the day of its last change (phase event or
-- field change) and `by_value`, the value of the grouping column `group_col` ('' = no
-- grouping), all of lead_phases_as_of. For the metrics that show lead fields; the others read lead_phases_as_of.
-- Usage: SELECT * FROM leads_as_of('person', 'P-1', DATE '2026-03-31', 'business_unit')
CREATE OR REPLACE MACRO main.leads_as_of(scope_kind, scope_id, as_of, group_col) AS TABLE
SELECT l.lead_id, l.created_at, l.submitter_id, l.branch_id, l.business_unit, l.client_name,
       l.title, l.source, l.priority, l.category, l.is_permanent_role, l.is_hours_extension,
       e.phase, e.phase_group, e.outcome, e.is_end, e.reason, e.phase_since, e.phase_day,
       e.last_change_day, e.by_value
FROM main.lead_phases_as_of(scope_kind, scope_id, as_of, group_col) e
JOIN main.lead_fields_as_of(as_of) l ON l.lead_key = e.lead_key;
