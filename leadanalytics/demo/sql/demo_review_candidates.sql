-- The demo's scripted correction (flow.py, `_review_scene`): for each hours bonus in batch
-- $batch_id, the latest revision of every line of its assignment, latest week first, with the
-- assignment's invoiced hours once all data is in (`hours_now`) and whether the line can take a
-- correction dated $day (invoiced, hours above 0, its latest revision dated on or before $day).
WITH subject AS (
    SELECT lead_id, assignment_id, threshold_hours
    FROM bonus_batch_items
    WHERE batch_id = $batch_id AND kind = 'bonus' AND "trigger" = 'hours'
), latest AS (   -- the lines that ever named one of those assignments, at their latest revision
    SELECT * FROM timesheet_lines
    WHERE line_id IN (SELECT line_id FROM timesheet_lines
                      WHERE assignment_id IN (SELECT assignment_id FROM subject))
    QUALIFY row_number() OVER (PARTITION BY line_id ORDER BY revision DESC) = 1
)
SELECT s.lead_id, s.assignment_id, s.threshold_hours,
       sum(l.hours) FILTER (WHERE l.status = 'invoiced') OVER (PARTITION BY s.lead_id) AS hours_now,
       l.line_id, l.revision, l.employee_id, l.week, l.hours, l.source,
       (l.status = 'invoiced' AND l.hours > 0 AND l.status_date <= CAST($day AS DATE)) AS correctable
FROM subject s
JOIN latest l ON l.assignment_id = s.assignment_id
ORDER BY s.lead_id, l.week DESC, l.line_id
