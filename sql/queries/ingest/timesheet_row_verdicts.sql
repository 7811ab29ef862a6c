-- Every checked row that is not loaded, with its verdict: 'skip' (identical to a loaded row, a
-- quarantined row or an earlier row of this file) or 'quarantine' under its first rule, with
-- every failure in `detail`. Column rules come first (bits of ts_checked.fail_mask, named by
-- the temp table ts_rules); then, for rows that pass them: conflict_with_loaded,
-- duplicate_key_in_file, revision_date_order (data-contracts.md, loading rules). Rows without
-- a verdict load. Run after timesheet_line_history and timesheet_busy_lines.
CREATE OR REPLACE TEMP TABLE ts_verdicts AS
WITH
bad AS (
    SELECT *, timesheet_row_identity(line_id, revision, revision_raw, assignment_id,
                  employee_id, week, week_raw, hours, hours_raw, status, status_date,
                  status_date_raw, source) AS identity
    FROM ts_checked WHERE fail_mask <> 0
),
rejected AS (SELECT DISTINCT line_id, identity FROM store.timesheet_rejected_rows),
bad_verdicts AS (
    SELECT b.row_number,
        CASE WHEN b.identity IN (SELECT identity FROM rejected) THEN 'identical_to_quarantined'
             WHEN row_number() OVER (PARTITION BY b.identity ORDER BY b.row_number) > 1
                 THEN 'identical_in_file'
        END AS skip_reason
    FROM bad b
),
bad_failures AS (
    SELECT b.row_number,
        arg_min(r.rule, r.bit) AS rule,
        string_agg(
            r.col || ' ' || coalesce('''' || CASE r.col
                WHEN 'line_id' THEN b.line_id WHEN 'revision' THEN b.revision_raw
                WHEN 'assignment_id' THEN b.assignment_id WHEN 'week' THEN b.week_raw
                WHEN 'hours' THEN b.hours_raw WHEN 'status' THEN b.status
                WHEN 'status_date' THEN b.status_date_raw END || '''', '(empty)')
            || ' ' || r.message || ' [' || r.rule || ']', '; ' ORDER BY r.bit) AS detail
    FROM bad b JOIN ts_rules r ON (b.fail_mask >> r.bit) & 1 = 1
    GROUP BY b.row_number
),
-- Only rows of a busy line (ts_busy_lines) can be skipped or break a rule beyond the columns;
-- every other valid row loads as is.
good AS (
    SELECT c.row_number, c.line_id, c.revision, c.assignment_id, c.employee_id, c.week,
           c.hours, c.status, c.status_date, c.source
    FROM ts_checked c SEMI JOIN ts_busy_lines b ON b.line_id = c.line_id
    WHERE c.fail_mask = 0
),
vs_loaded AS (
    SELECT g.row_number,
           g.assignment_id = l.assignment_id AND g.employee_id IS NOT DISTINCT FROM l.employee_id
           AND g.week = l.week AND g.hours = l.hours AND g.status = l.status
           AND g.status_date = l.status_date AND g.source IS NOT DISTINCT FROM l.source AS same,
           l.load_id AS l_load_id, l.assignment_id AS l_assignment_id, l.week AS l_week,
           l.hours AS l_hours, l.status AS l_status, l.status_date AS l_status_date
    FROM good g JOIN store.timesheet_lines l USING (line_id, revision)
),
good_identical_to_rejected AS (
    SELECT g.row_number
    FROM good g JOIN rejected r ON r.line_id = g.line_id
    WHERE NOT EXISTS (SELECT 1 FROM vs_loaded v WHERE v.row_number = g.row_number AND v.same)
      AND r.identity = timesheet_row_identity(g.line_id, g.revision, NULL, g.assignment_id,
              g.employee_id, g.week, NULL, g.hours, NULL, g.status, g.status_date, NULL, g.source)
),
cand AS (
    -- narrow from here on: each later step is materialized over every row of a busy line, and
    -- only the duplicate-key check (copies) needs the other columns, for a few rows
    SELECT g.row_number, g.line_id, g.revision, g.status_date,
           v.row_number IS NOT NULL AS conflict,
           CASE WHEN v.row_number IS NOT NULL THEN
               'line ' || g.line_id || ' revision ' || g.revision
               || ' is already loaded (load ' || v.l_load_id || ') as assignment '
               || v.l_assignment_id || ', week ' || v.l_week || ', hours ' || v.l_hours
               || ', status ' || v.l_status || ', status_date ' || v.l_status_date
               || '; this row has assignment ' || g.assignment_id || ', week ' || g.week
               || ', hours ' || g.hours || ', status ' || g.status || ', status_date '
               || g.status_date END AS conflict_detail
    FROM good g LEFT JOIN vs_loaded v USING (row_number)
    WHERE v.same IS NOT TRUE
      AND NOT EXISTS (SELECT 1 FROM good_identical_to_rejected r
                      WHERE r.row_number = g.row_number)
),
multi_keys AS (
    SELECT line_id, revision FROM cand GROUP BY line_id, revision HAVING count(*) > 1
),
copies AS (
    SELECT g.row_number, g.line_id, g.revision,
           row_number() OVER (PARTITION BY g.line_id, g.revision, g.assignment_id,
               g.employee_id, g.week, g.hours, g.status, g.status_date, g.source
               ORDER BY g.row_number) AS copy_no
    FROM good g
    SEMI JOIN multi_keys k ON k.line_id = g.line_id AND k.revision = g.revision
    SEMI JOIN cand c ON c.row_number = g.row_number
),
dup_keys AS (
    SELECT line_id, revision, count(*) FILTER (WHERE copy_no = 1) AS versions,
           string_agg(CAST(row_number AS VARCHAR), ', ' ORDER BY row_number) AS file_rows
    FROM copies GROUP BY line_id, revision HAVING count(*) FILTER (WHERE copy_no = 1) > 1
),
flagged AS (
    SELECT c.*, coalesce(cp.copy_no > 1, false) AS is_copy,
           d.versions IS NOT NULL AS duplicate_key, d.versions, d.file_rows
    FROM cand c
    LEFT JOIN copies cp USING (row_number)
    LEFT JOIN dup_keys d ON d.line_id = c.line_id AND d.revision = c.revision
),
order_vs_loaded AS (
    SELECT f.row_number,
           arg_min('revision ' || l.revision || ' (status_date ' || l.status_date
                   || ', load ' || l.load_id || ')', l.revision) AS other
    FROM flagged f JOIN store.timesheet_lines l ON l.line_id = f.line_id
    WHERE NOT f.is_copy
      AND ((l.revision < f.revision AND l.status_date > f.status_date)
        OR (l.revision > f.revision AND l.status_date < f.status_date))
    GROUP BY f.row_number
),
survivors AS (
    SELECT * FROM flagged
    WHERE NOT is_copy AND NOT conflict AND NOT duplicate_key
      AND NOT EXISTS (SELECT 1 FROM order_vs_loaded o WHERE o.row_number = flagged.row_number)
),
-- lines whose rows may be out of order and need the window: more than three rows, or rows
-- whose lowest revision is not the earliest date or whose highest revision is not the latest.
-- With at most three rows (revisions are distinct here) that test is exact: the lowest at the
-- minimum and the highest at the maximum leave the middle one between them. Lines in order,
-- almost every line of a file, need no window.
multi_lines AS (
    SELECT line_id FROM survivors GROUP BY line_id
    HAVING count(*) > 3
        OR arg_min(status_date, revision) > min(status_date)
        OR arg_max(status_date, revision) < max(status_date)
),
order_in_file AS (
    -- the window carries the row number of the latest earlier revision only; its text is built
    -- for the few rows out of order (a string per row of every busy line cost seconds)
    SELECT v.row_number,
           'revision ' || o.revision || ' (status_date ' || o.status_date || ', row '
               || o.row_number || ' of this file)' AS other
    FROM (
        SELECT s.row_number, s.status_date,
               max(s.status_date) OVER w AS latest_before,
               arg_max(s.row_number, s.status_date) OVER w AS other_row
        FROM survivors s SEMI JOIN multi_lines m ON m.line_id = s.line_id
        WINDOW w AS (PARTITION BY s.line_id ORDER BY s.revision
                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    ) v
    JOIN survivors o ON o.row_number = v.other_row
    WHERE v.latest_before > v.status_date
),
good_verdicts AS (
    SELECT f.row_number, f.is_copy, f.conflict, f.duplicate_key,
           coalesce(ol.other, oi.other) AS order_other,
           list_filter([
               CASE WHEN f.conflict THEN 'conflict_with_loaded' END,
               CASE WHEN f.duplicate_key THEN 'duplicate_key_in_file' END,
               CASE WHEN coalesce(ol.other, oi.other) IS NOT NULL THEN 'revision_date_order' END
           ], lambda x: x IS NOT NULL) AS rules,
           array_to_string(list_filter([
               CASE WHEN f.conflict THEN f.conflict_detail || ' [conflict_with_loaded]' END,
               CASE WHEN f.duplicate_key THEN 'line ' || f.line_id || ' revision ' || f.revision
                   || ' appears with ' || f.versions || ' different contents in this file (rows '
                   || f.file_rows || ') [duplicate_key_in_file]' END,
               CASE WHEN coalesce(ol.other, oi.other) IS NOT NULL THEN
                   'revision ' || f.revision || ' of line ' || f.line_id || ' has status_date '
                   || f.status_date || ', out of order with ' || coalesce(ol.other, oi.other)
                   || ' [revision_date_order]' END
           ], lambda x: x IS NOT NULL), '; ') AS detail
    FROM flagged f
    LEFT JOIN order_vs_loaded ol USING (row_number)
    LEFT JOIN order_in_file oi USING (row_number)
    WHERE f.is_copy OR f.conflict OR f.duplicate_key
       OR ol.other IS NOT NULL OR oi.other IS NOT NULL
)
SELECT v.row_number, 'skip' AS verdict, v.skip_reason AS rule, CAST(NULL AS VARCHAR) AS detail
FROM bad_verdicts v WHERE v.skip_reason IS NOT NULL
UNION ALL
SELECT v.row_number, 'quarantine', f.rule, f.detail
FROM bad_verdicts v JOIN bad_failures f USING (row_number) WHERE v.skip_reason IS NULL
UNION ALL
SELECT row_number, 'skip', 'identical_to_loaded', NULL FROM vs_loaded WHERE same
UNION ALL
SELECT row_number, 'skip', 'identical_to_quarantined', NULL FROM good_identical_to_rejected
UNION ALL
SELECT row_number, 'skip', 'identical_in_file', NULL FROM good_verdicts WHERE is_copy
UNION ALL
SELECT row_number, 'quarantine', rules[1], detail FROM good_verdicts WHERE NOT is_copy;
