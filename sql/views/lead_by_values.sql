-- Table macro: the value of the grouping column `group_col` (a metric's `by`) of every lead as
-- its field was at the end of day `as_of` (lead_fields_as_of), by `lead_key`; empty when
-- group_col is '' (no grouping: no lead row is read). The one place the grouping columns
-- (metrics.GROUPABLE) are mapped; an unknown column is an error.
-- Usage: SELECT * FROM lead_by_values(DATE '2026-03-31', 'branch_id')
CREATE OR REPLACE MACRO main.lead_by_values(as_of, group_col) AS TABLE
SELECT l.lead_key,
       CASE group_col
           WHEN '' THEN CAST(NULL AS VARCHAR)  -- never read (no row), but folded as a constant
           WHEN 'business_unit' THEN l.business_unit
           WHEN 'branch_id' THEN l.branch_id
           WHEN 'source' THEN l.source
           WHEN 'submitter_id' THEN l.submitter_id
           WHEN 'priority' THEN l.priority
           WHEN 'category' THEN l.category
           WHEN 'client_name' THEN l.client_name
           ELSE error('unknown grouping column ' || group_col)
       END AS by_value
FROM main.lead_fields_as_of(as_of) l
WHERE group_col <> '';
