-- Every missing timesheet week as of $as_of (domain.md, "Assignments and timesheet requests"):
-- a week W of an assignment that a lead reached the won phase with by $as_of, that runs in W
-- (one of its seven days between start and end), with $as_of >= W + $grace_days and
-- W >= $as_of - 7 * $lookback_weeks, and no line of that assignment and week with status_date
-- <= $as_of loaded, in any status. Start, end and contact are the file's (store.assignments),
-- else the defaults: the Monday of the week the lead won it, no end, the lead's contact.
-- `note` says why no request can be made. Sorted by assignment and week.
-- How: the weeks with a line are gathered per assignment as one bit string over the look-back
-- window (one pass over the lines, no join), and weeks are listed only for the assignments
-- that have fewer of them than they are due, instead of listing every due week of every
-- assignment and looking each one up.
WITH look_back AS (
    -- bit i of a bit string below stands for the Monday window_monday + 7 i; window_monday is
    -- the first Monday on or after $as_of - 7 * $lookback_weeks; `ones` has every bit set
    SELECT window_monday, bits, ~CAST(repeat('0', CAST(bits AS INTEGER)) AS BIT) AS ones
    FROM (SELECT CAST(date_trunc('week', CAST($as_of AS DATE) + 6
                                  - 7 * CAST($lookback_weeks AS INTEGER)) AS DATE) AS window_monday,
                 CAST($lookback_weeks AS BIGINT) + 2 AS bits)
),
won AS (
    -- the lead events that reached a won phase with an assignment by $as_of (from
    -- store.lead_phase_spans: the lead log with its pipeline's configuration and each event's
    -- Amsterdam date, no join), and an opportunity's won events for the lead it came from
    SELECT lead_id, assignment_id, min(won_at) AS won_at, min(won_on) AS won_on
    FROM (
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
    )
    GROUP BY ALL
),
active AS (
    -- per assignment the lead that won it first (then the lowest lead id; its won day is the
    -- first won day of the assignment), with its branch, and the assignment's start, end and
    -- contact: the file's, else the defaults (domain.md)
    SELECT f.assignment_id, f.lead_id, l.branch_id,
           coalesce(a.start_date, CAST(date_trunc('week', f.won_on) AS DATE)) AS start_date,
           a.end_date,
           CASE WHEN a.assignment_id IS NULL THEN l.contact_email ELSE a.contact_email END
               AS contact_email
    FROM (
        SELECT assignment_id, arg_min(lead_id, (won_at, lead_id)) AS lead_id,
               min(won_on) AS won_on
        FROM won
        GROUP BY assignment_id
    ) f
    JOIN store.leads l ON l.lead_id = f.lead_id
    LEFT JOIN store.assignments a ON a.assignment_id = f.assignment_id
),
due AS (
    -- the weeks each assignment must have a line for: the Mondays from first_week (its first
    -- week, or window_monday if later) to last_day, as bits first_bit .. first_bit + weeks - 1
    SELECT a.*, r.first_week, r.last_day, lb.window_monday, lb.ones,
           CAST($as_of AS DATE) - CAST($grace_days AS INTEGER) AS window_last,
           CAST((r.first_week - lb.window_monday) // 7 AS BIGINT) AS first_bit,
           CASE WHEN r.last_day < r.first_week THEN 0
                ELSE CAST((r.last_day - r.first_week) // 7 + 1 AS BIGINT) END AS weeks
    FROM active a
    CROSS JOIN look_back lb,
    LATERAL (
        SELECT greatest(CAST(date_trunc('week', a.start_date) AS DATE), lb.window_monday)
                   AS first_week,
               CAST(least(coalesce(a.end_date, CAST($as_of AS DATE)),
                          CAST($as_of AS DATE) - CAST($grace_days AS INTEGER)) AS DATE) AS last_day
    ) r
),
present AS (
    -- per assignment, the weeks of the look-back window with a line known on $as_of (the
    -- window's bounds are constants here, so the scan skips row groups outside it)
    SELECT t.assignment_id,
           bitstring_agg(CAST((t.week - CAST(date_trunc('week', CAST($as_of AS DATE) + 6
                                  - 7 * CAST($lookback_weeks AS INTEGER)) AS DATE)) // 7 AS BIGINT),
                         0, CAST($lookback_weeks AS BIGINT) + 1) AS weeks
    FROM store.timesheet_lines t
    WHERE t.status_date <= CAST($as_of AS DATE) AND isodow(t.week) = 1
      AND t.week >= CAST(date_trunc('week', CAST($as_of AS DATE) + 6
                                    - 7 * CAST($lookback_weeks AS INTEGER)) AS DATE)
      AND t.week <= CAST($as_of AS DATE) - CAST($grace_days AS INTEGER)
    GROUP BY t.assignment_id
),
short AS (
    -- the assignments with fewer weeks present than due (their own weeks only: a mask of bits
    -- first_bit .. first_bit + weeks - 1)
    SELECT d.*, p.weeks AS present
    FROM due d
    LEFT JOIN present p ON p.assignment_id = d.assignment_id
    WHERE d.weeks > 0
      AND coalesce(CASE WHEN d.first_bit = 0 AND d.last_day = d.window_last
                        -- the due weeks are the whole window: no mask needed
                        THEN bit_count(p.weeks)
                        ELSE bit_count(p.weeks & (d.ones >> CAST(d.first_bit AS INTEGER))
                                       & ~(d.ones >> CAST(d.first_bit + d.weeks AS INTEGER)))
                   END, 0) < d.weeks
),
weeks AS (
    SELECT s.*, CAST(unnest(generate_series(s.first_week, s.last_day, INTERVAL 7 DAY)) AS DATE)
               AS week
    FROM short s
)
SELECT w.assignment_id, w.week, w.lead_id, w.branch_id,
       CAST(CAST($as_of AS DATE) - (w.week + CAST($grace_days AS INTEGER)) AS INTEGER)
           AS days_overdue,
       CASE WHEN w.contact_email = '***' THEN 'contact anonymised'
            WHEN w.contact_email IS NULL OR trim(w.contact_email) = ''
                THEN 'no contact e-mail address' END AS note
FROM weeks w
WHERE coalesce(get_bit(w.present, CAST((w.week - w.window_monday) // 7 AS INTEGER)), 0) = 0
ORDER BY w.assignment_id, w.week;
