-- A vendor-platform timesheet export (view `vms_raw`: the export's columns renamed to the
-- contract's) in the contract's columns, as the temp table `vms_staged`. The line is
-- assignment + employee + week (the week's Monday when it can be read); the revision is the
-- loaded revision the row equals (hours, status and status date: it will be skipped), else
-- one above the highest loaded revision of its line (data-contracts.md, second adapter).
CREATE OR REPLACE TEMP TABLE vms_staged AS
WITH r AS (
    SELECT v.row_number, v.assignment_id, v.employee_id, v.hours,
           CASE WHEN regexp_full_match(v.week, '[Ww]eek\s*[0-9]{1,2}\s+[0-9]{4}')
                THEN regexp_extract(v.week, '([0-9]{4})$', 1) || '-W'
                     || lpad(regexp_extract(v.week, '[Ww]eek\s*([0-9]{1,2})', 1), 2, '0')
                ELSE v.week END AS week,
           coalesce(m.status, v.status) AS status,
           coalesce(strftime(TRY_STRPTIME(v.status_date, $date_format), '%Y-%m-%d'),
                    v.status_date) AS status_date
    FROM vms_raw v
    LEFT JOIN vms_statuses m ON m.export_status = lower(v.status)
),
k AS (
    SELECT r.*,
           r.assignment_id || '/' || r.employee_id || '/'
           || coalesce(strftime(CASE WHEN regexp_full_match(r.week, '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}')
                                     THEN TRY_STRPTIME(r.week, '%Y-%m-%d')
                                     ELSE iso_week_monday(r.week) END, '%Y-%m-%d'), r.week)
               AS line_id
    FROM r
),
loaded AS (
    SELECT l.line_id, l.revision, l.hours, l.status, l.status_date
    FROM store.timesheet_lines l SEMI JOIN k ON k.line_id = l.line_id
),
highest AS (SELECT line_id, max(revision) AS revision FROM loaded GROUP BY line_id),
equal AS (
    SELECT k.row_number, min(l.revision) AS revision
    FROM k JOIN loaded l ON l.line_id = k.line_id
    WHERE TRY_CAST(k.hours AS DECIMAL(9, 2)) = l.hours AND lower(k.status) = l.status
      AND TRY_CAST(k.status_date AS DATE) = l.status_date
    GROUP BY k.row_number
)
SELECT k.row_number, k.line_id,
       CAST(coalesce(e.revision, coalesce(h.revision, 0) + 1) AS VARCHAR) AS revision,
       k.assignment_id, k.employee_id, k.week, k.hours, k.status, k.status_date,
       $source AS source
FROM k
LEFT JOIN equal e USING (row_number)
LEFT JOIN highest h USING (line_id)
ORDER BY k.row_number;
