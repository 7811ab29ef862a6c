-- Scalar macro: a timesheet row's identity as read (data-contracts.md: `2026-W07` equals
-- `2026-02-09`, `40` equals `40.00`). Each typed value where it could be read, else the raw
-- text; compared to skip rows identical to ones already quarantined or earlier in a file.
CREATE OR REPLACE MACRO main.timesheet_row_identity(
    line_id, revision, revision_raw, assignment_id, employee_id, week, week_raw, hours,
    hours_raw, status, status_date, status_date_raw, source
) AS CAST(to_json([
    line_id,
    coalesce(CAST(revision AS VARCHAR), revision_raw),
    assignment_id,
    employee_id,
    coalesce(strftime(week, '%Y-%m-%d'), week_raw),
    coalesce(CAST(hours AS VARCHAR), hours_raw),
    status,
    coalesce(strftime(status_date, '%Y-%m-%d'), status_date_raw),
    source
]) AS VARCHAR);
