-- Every missing timesheet week as of $as_of (domain.md, "Assignments and timesheet requests"):
-- a week W of an assignment that a lead reached the won phase with by $as_of, that runs in W
-- (one of its seven days between start and end), with $as_of >= W + $grace_days and
-- W >= $as_of - 7 * $lookback_weeks, and no line of that assignment and week with status_date
-- <= $as_of loaded, in any status. Start, end and contact are the file's (store.assignments),
-- else the defaults: the Monday of the week the lead won it, no end, the lead's contact.
-- `note` says why no request can be made. Sorted by assignment and week.
-- How: the weeks with a line are gathered per assignment as the bits of one 128-bit integer over
-- the look-back window (one pass over the lines, no join), and weeks are listed only for the
-- assignments that have fewer of them than they are due, instead of listing every due week of
-- every assignment and looking each one up. So $lookback_weeks is at most 120.
WITH look_back AS (
    -- bit i of the integers below stands for the Monday window_monday + 7 i; window_monday is
    -- the first Monday on or after $as_of - 7 * $lookback_weeks; window_last the last day a
    -- due week can start
    SELECT CASE WHEN CAST($lookback_weeks AS INTEGER) BETWEEN 0 AND 120
                THEN lookback_monday($as_of, $lookback_weeks)
                ELSE error('timesheet_lookback_weeks must be a number of weeks from 0 to 120, not '
                           || CAST($lookback_weeks AS VARCHAR)) END AS window_monday,
           CAST($as_of AS DATE) - CAST($grace_days AS INTEGER) AS window_last
),
won AS (
    -- the lead events that reached a won phase with an assignment by $as_of (from
    -- store.lead_phase_spans: the lead log with its pipeline's configuration and each event's
    -- Amsterdam date, no join), and an opportunity's won events for the lead it came from
    SELECT s.lead_id, s.assignment_id, s.entered_at AS won_at, s.entered_on AS won_on
    FROM store.lead_phase_spans s
    WHERE s.outcome = 'won' AND s.assignment_id IS NOT NULL
      AND s.entered_on <= CAST($as_of AS DATE)
    UNION ALL
    SELECT coalesce(o.lead_id, e.record_id), e.assignment_id, e."at",
           CAST(timezone('Europe/Amsterdam', e."at") AS DATE)
    FROM store.phase_events e
    JOIN store.opportunities o ON o.opportunity_id = e.record_id
    JOIN phases p ON p.entity = e.entity AND p.code = e.to_phase
                 AND p.pipeline = o.pipeline AND p.outcome = 'won'
    WHERE e.entity = 'opportunity' AND e.assignment_id IS NOT NULL
      AND e."at" < day_end($as_of)
),
active AS (
    -- per assignment the lead that won it first (then the lowest lead id; its won day is the
    -- first won day of the assignment), and the assignment's start and end: the file's, else
    -- the defaults (domain.md); `from_file` says whose contact it has
    SELECT f.assignment_id, f.lead_id,
           coalesce(a.start_date, CAST(date_trunc('week', f.won_on) AS DATE)) AS start_date,
           a.end_date, a.assignment_id IS NOT NULL AS from_file, a.contact_email AS file_contact
    FROM (
        SELECT assignment_id, arg_min(lead_id, (won_at, lead_id)) AS lead_id,
               min(won_on) AS won_on
        FROM won
        GROUP BY assignment_id
    ) f
    LEFT JOIN store.assignments a ON a.assignment_id = f.assignment_id
),
due AS (
    -- the weeks each assignment must have a line for: the Mondays from first_week (its first
    -- week, or window_monday if later) to last_day, as the bits first_bit .. first_bit + weeks - 1
    -- of `due_bits`
    SELECT a.*, r.first_week, r.last_day, lb.window_monday, r.first_bit, r.weeks,
           ((CAST(1 AS HUGEINT) << CAST(r.weeks AS INTEGER)) - 1) << CAST(r.first_bit AS INTEGER)
               AS due_bits
    FROM active a
    CROSS JOIN look_back lb,
    LATERAL (
        SELECT first_week, last_day,
               CAST((first_week - lb.window_monday) // 7 AS BIGINT) AS first_bit,
               CASE WHEN last_day < first_week THEN 0
                    ELSE CAST((last_day - first_week) // 7 + 1 AS BIGINT) END AS weeks
        FROM (
            SELECT greatest(CAST(date_trunc('week', a.start_date) AS DATE), lb.window_monday)
                       AS first_week,
                   CAST(least(coalesce(a.end_date, CAST($as_of AS DATE)), lb.window_last) AS DATE)
                       AS last_day
        )
    ) r
),
present AS (
    -- per assignment, the weeks of the look-back window with a line known on $as_of, as bits
    -- (the window's bounds as constants, not look_back's columns: the scan skips row groups
    -- outside it; a week that is no Monday is no week)
    SELECT assignment_id, bit_or(CAST(1 AS HUGEINT) << CAST(days // 7 AS INTEGER)) AS weeks
    FROM (
        SELECT t.assignment_id, t.week - lookback_monday($as_of, $lookback_weeks) AS days
        FROM store.timesheet_lines t
        WHERE t.status_date <= CAST($as_of AS DATE)
          AND t.week >= lookback_monday($as_of, $lookback_weeks)
          AND t.week <= CAST($as_of AS DATE) - CAST($grace_days AS INTEGER)
    )
    WHERE days % 7 = 0
    GROUP BY assignment_id
),
short AS (
    -- the assignments with fewer of their due weeks present than due
    SELECT d.*, coalesce(p.weeks, 0) AS present
    FROM due d
    LEFT JOIN present p ON p.assignment_id = d.assignment_id
    WHERE d.weeks > 0 AND bit_count(coalesce(p.weeks, 0) & d.due_bits) < d.weeks
),
weeks AS (
    -- the lead's branch and contact read for these assignments only
    SELECT s.*, l.branch_id,
           CASE WHEN s.from_file THEN s.file_contact ELSE l.contact_email END AS contact_email,
           CAST(unnest(generate_series(s.first_week, s.last_day, INTERVAL 7 DAY)) AS DATE) AS week
    FROM short s
    JOIN store.leads l ON l.lead_id = s.lead_id
)
SELECT w.assignment_id, w.week, w.lead_id, w.branch_id,
       CAST(CAST($as_of AS DATE) - (w.week + CAST($grace_days AS INTEGER)) AS INTEGER)
           AS days_overdue,
       CASE WHEN w.contact_email = '***' THEN 'contact anonymised'
            WHEN w.contact_email IS NULL OR trim(w.contact_email) = ''
                THEN 'no contact e-mail address' END AS note
FROM weeks w
WHERE (w.present >> CAST((w.week - w.window_monday) // 7 AS INTEGER)) & 1 = 0
ORDER BY w.assignment_id, w.week;
