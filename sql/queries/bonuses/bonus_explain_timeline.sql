-- The known invoiced hours of one assignment per change date up to $as_of, with the crossings
-- of $threshold (for `bonuses explain`).
SELECT changed_on, invoiced_hours,
       CASE WHEN invoiced_hours >= $threshold
                 AND lag(invoiced_hours, 1, 0) OVER w < $threshold THEN 'reached'
            WHEN invoiced_hours < $threshold
                 AND lag(invoiced_hours, 1, 0) OVER w >= $threshold THEN 'lost' END AS crossing
FROM main.bonus_hours_timeline
WHERE assignment_id = $assignment_id AND changed_on <= CAST($as_of AS DATE)
WINDOW w AS (ORDER BY changed_on)
ORDER BY changed_on;
