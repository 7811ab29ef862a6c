-- Every stored hour correction computed from all timesheet lines (the full refresh of
-- store.timesheet_hour_corrections): a revision (of any status, with hours) that a higher
-- revision of its line supersedes loses its hours on the first status_date of a higher
-- revision, or on its own status_date if that is not earlier. The join's build side is the revisions > 1; the
-- probe reads line_id and revision only, the superseded rows' other columns are fetched by rowid.
INSERT INTO store.timesheet_hour_corrections
WITH superseded AS (
    SELECT t.rowid AS row_id, min(h.status_date) AS superseded_on
    FROM store.timesheet_lines t
    JOIN store.timesheet_lines h ON h.line_id = t.line_id AND h.revision > t.revision
    WHERE h.revision > 1
    GROUP BY t.rowid
)
SELECT t.line_id, t.revision, t.assignment_id, greatest(t.status_date, s.superseded_on), -t.hours,
       t.status
FROM store.timesheet_lines t
JOIN superseded s ON s.row_id = t.rowid
WHERE t.hours <> 0;
