-- What store.bonus_hours_crossings depends on, now: row counts of the timesheet lines and of the
-- stored hour corrections, the count and xor of hashes of bonus_subject_assignments, and the
-- thresholds in use (sorted, as text).
SELECT (SELECT count(*) FROM store.timesheet_lines),
       (SELECT count(*) FROM store.timesheet_hour_corrections),
       count(*),
       coalesce(bit_xor(hash(assignment_id)), 0),
       (SELECT coalesce(string_agg(CAST(threshold_hours AS VARCHAR), ' ' ORDER BY threshold_hours), '')
        FROM main.bonus_thresholds_in_use)
FROM main.bonus_subject_assignments;
