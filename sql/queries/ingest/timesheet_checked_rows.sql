-- The staged timesheet file (view `ts_staged`, text columns, file order) typed per the contract,
-- with one bit per column rule the row breaks (`fail_mask`; bit i = expectation i of the suite
-- pipelines/expectations/timesheets.json, checked by pipelines/timesheet_contract.py; the last
-- two, week_out_of_range and status_date_in_future, compare with the day of the load). The raw
-- text of the typed columns and the status is kept only for rows that break a rule (for detail
-- and identity), as one list (a NULL list costs a row less than five NULL texts); a row that
-- passes keeps its status as its position in $statuses. One parallel pass over the file, no row
-- numbers: the view ts_checked (timesheet_checked_view) numbers the rows by their rowids, which
-- keep the file's order, and gives the status back as text. The table holds every row of the
-- file in memory, so each byte of a row counts (10 M rows: about 0.9 GB).
CREATE OR REPLACE TEMP TABLE ts_checked_rows AS
WITH s AS (
    SELECT line_id, revision AS revision_raw, assignment_id, employee_id,
           week AS week_raw, hours AS hours_raw, lower(status) AS status,
           status_date AS status_date_raw, source
    FROM ts_staged
),
t AS (
    SELECT line_id, revision_raw, assignment_id, employee_id, week_raw, hours_raw,
        status, status_date_raw, source,
        CASE WHEN regexp_full_match(revision_raw, $revision_pattern)
             THEN TRY_CAST(revision_raw AS INTEGER) END AS revision,
        CASE WHEN regexp_full_match(hours_raw, $hours_pattern)
             THEN TRY_CAST(hours_raw AS DECIMAL(9, 2)) END AS hours,
        CASE WHEN regexp_full_match(week_raw, '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}')
             THEN CAST(TRY_STRPTIME(week_raw, '%Y-%m-%d') AS DATE)
             ELSE iso_week_monday(week_raw) END AS week,
        CAST(TRY_STRPTIME(status_date_raw, $date_format) AS DATE) AS status_date
    FROM s
)
SELECT line_id, revision, assignment_id, employee_id, week, hours,
       CAST(list_position($statuses, status) AS USMALLINT) AS status_code,
       status_date, source,
       (CASE WHEN line_id IS NULL THEN 1 ELSE 0 END)
     | (CASE WHEN revision_raw IS NULL THEN 2 ELSE 0 END)
     | (CASE WHEN assignment_id IS NULL THEN 4 ELSE 0 END)
     | (CASE WHEN week_raw IS NULL THEN 8 ELSE 0 END)
     | (CASE WHEN hours_raw IS NULL THEN 16 ELSE 0 END)
     | (CASE WHEN status IS NULL THEN 32 ELSE 0 END)
     | (CASE WHEN status_date_raw IS NULL THEN 64 ELSE 0 END)
     | (CASE WHEN revision_raw IS NOT NULL AND revision IS NULL THEN 128 ELSE 0 END)
     | (CASE WHEN revision < $revision_min THEN 256 ELSE 0 END)
     | (CASE WHEN hours_raw IS NOT NULL AND hours IS NULL THEN 512 ELSE 0 END)
     | (CASE WHEN hours < $hours_min OR hours > $hours_max THEN 1024 ELSE 0 END)
     | (CASE WHEN week_raw IS NOT NULL AND (week IS NULL OR isodow(week) <> 1) THEN 2048 ELSE 0 END)
     | (CASE WHEN status IS NOT NULL AND NOT list_contains($statuses, status) THEN 4096 ELSE 0 END)
     | (CASE WHEN status_date_raw IS NOT NULL AND status_date IS NULL THEN 8192 ELSE 0 END)
     | (CASE WHEN status_date < week THEN 16384 ELSE 0 END)
     | (CASE WHEN week < $first_week OR week > $last_week THEN 32768 ELSE 0 END)
     | (CASE WHEN status_date > $last_status_date THEN 65536 ELSE 0 END)
       AS fail_mask,
       CASE WHEN fail_mask <> 0
            THEN [revision_raw, week_raw, hours_raw, status_date_raw, status] END AS raw
FROM t;
