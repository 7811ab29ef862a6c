-- The identity of each row quarantined by this load, so that the same row is skipped next time;
-- not of a row quarantined under a rule of the day ($day_rules): it is checked again next time.
INSERT INTO store.timesheet_rejected_rows
SELECT $load_id, c.row_number, c.line_id,
       timesheet_row_identity(c.line_id, c.revision, c.revision_raw, c.assignment_id,
           c.employee_id, c.week, c.week_raw, c.hours, c.hours_raw, c.status, c.status_date,
           c.status_date_raw, c.source)
FROM ts_checked c
JOIN ts_verdicts v USING (row_number)
WHERE v.verdict = 'quarantine' AND NOT list_contains($day_rules, v.rule);
