-- Test reference for sql/queries/timesheets_missing.sql: the same rule stated the plain way
-- (every due week of every assignment listed, each looked up among the lines). The query counts
-- first and lists only the assignments that miss a week; both must give the same rows.
-- Every missing timesheet week as of $as_of (domain.md, "Assignments and timesheet requests"):
-- a week W of an assignment that a lead reached the won phase with by $as_of, that runs in W
-- (one of its seven days between start and end), with $as_of >= W + $grace_days and
-- W >= $as_of - 7 * $lookback_weeks, and no line of that assignment and week with status_date
-- <= $as_of loaded, in any status. Start, end and contact are the file's (store.assignments),
-- else the defaults: the Monday of the week the lead won it, no end, the lead's contact.
-- `note` says why no request can be made. Sorted by assignment and week.
WITH won AS (
    SELECT coalesce(o.lead_id, e.record_id) AS lead_id, e.assignment_id,
           min(e."at") AS won_at
    FROM store.phase_events e
    LEFT JOIN store.opportunities o
           ON e.entity = 'opportunity' AND o.opportunity_id = e.record_id
    LEFT JOIN store.leads l ON l.lead_id = coalesce(o.lead_id, e.record_id)
    JOIN phases p ON p.entity = e.entity AND p.code = e.to_phase
                 AND p.pipeline = coalesce(o.pipeline, l.pipeline) AND p.outcome = 'won'
    WHERE e.assignment_id IS NOT NULL AND e."at" < day_end($as_of)
    GROUP BY ALL
),
active AS (
    SELECT w.assignment_id, w.lead_id, l.branch_id,
           coalesce(a.start_date, CAST(date_trunc('week', w.won_at) AS DATE)) AS start_date,
           a.end_date,
           CASE WHEN a.assignment_id IS NULL THEN l.contact_email ELSE a.contact_email END
               AS contact_email
    FROM won w
    JOIN store.leads l ON l.lead_id = w.lead_id
    LEFT JOIN store.assignments a ON a.assignment_id = w.assignment_id
    QUALIFY row_number() OVER (PARTITION BY w.assignment_id ORDER BY w.won_at, w.lead_id) = 1
),
weeks AS (
    -- from the assignment's first week, or the first week of the look-back window if later
    SELECT a.*, CAST(unnest(generate_series(
               greatest(CAST(date_trunc('week', a.start_date) AS DATE),
                        CAST(date_trunc('week', CAST($as_of AS DATE)
                                                - 7 * CAST($lookback_weeks AS INTEGER)) AS DATE)),
               CAST(least(coalesce(a.end_date, CAST($as_of AS DATE)),
                          CAST($as_of AS DATE) - CAST($grace_days AS INTEGER)) AS DATE),
               INTERVAL 7 DAY)) AS DATE) AS week
    FROM active a
)
SELECT w.assignment_id, w.week, w.lead_id, w.branch_id,
       CAST(CAST($as_of AS DATE) - (w.week + CAST($grace_days AS INTEGER)) AS INTEGER)
           AS days_overdue,
       CASE WHEN w.contact_email = '***' THEN 'contact anonymised'
            WHEN w.contact_email IS NULL OR trim(w.contact_email) = ''
                THEN 'no contact e-mail address' END AS note
FROM weeks w
WHERE w.week + CAST($grace_days AS INTEGER) <= CAST($as_of AS DATE)
  AND w.week >= CAST($as_of AS DATE) - 7 * CAST($lookback_weeks AS INTEGER)
  AND NOT EXISTS (
      SELECT 1 FROM store.timesheet_lines t
      WHERE t.assignment_id = w.assignment_id AND t.week = w.week
        AND t.status_date <= CAST($as_of AS DATE))
ORDER BY w.assignment_id, w.week;
