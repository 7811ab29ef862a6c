-- bc_targets after a timesheet load: the kept subjects among the assignments of every row of
-- the lines the load touched (the rows it wrote, and the earlier rows of those lines, which
-- ts_line_history holds by rowid: a line can move between assignments).
CREATE OR REPLACE TEMP TABLE bc_targets AS
SELECT DISTINCT t.assignment_id
FROM (
    SELECT assignment_id FROM store.timesheet_lines WHERE load_id = $load_id
    UNION ALL
    SELECT l.assignment_id
    FROM store.timesheet_lines l
    JOIN ts_line_history h ON h.row_id = l.rowid
) t
SEMI JOIN store.bonus_hours_crossings_subjects s ON s.assignment_id = t.assignment_id;
