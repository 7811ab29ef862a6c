-- The benchmark's baseline (quality-bar.md): a bare sum of hours per assignment.
SELECT assignment_id, sum(hours) AS hours FROM store.timesheet_lines GROUP BY 1;
