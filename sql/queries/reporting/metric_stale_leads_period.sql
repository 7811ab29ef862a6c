-- stale_leads over a period [$since, $as_of] (the period's end is the as-of date; $since NULL:
-- from the first day). A lead is stale on a day when it is open (its phase at the end of that
-- day has outcome open) and has had no change (phase event or field change) for at least $days
-- days then. Between two changes on days c and n a lead keeps its phase, so it is stale on the
-- days c + $days .. n - 1 (if open); after its last change, from c + $days on. One row per lead
-- stale on at least one day of the period, for the first such stretch: its phase, the change it
-- follows (`last_change_day`), `became_stale_on` (c + $days, before $since when the lead was
-- already stale when the period began) and `stale_through` (n - 1 when the next change came by
-- the end of the period, else empty). Per group ($by, ascending, empty last), then by the day
-- it became stale and lead id.
-- The phase at the end of each day is a span of positive length (a span entered and left on
-- the same day is no phase at a day's end); only open spans that can hold a stale day of the
-- period are read, and the field changes inside them split them.
WITH spans AS (
    SELECT lead_key, lead_id, phase, day, left_day
    FROM scoped_lead_events($scope_kind, $scope_id, $as_of)
    WHERE outcome = 'open' AND (left_day IS NULL OR left_day > day)
      AND day + $days <= $as_of
      AND ($since IS NULL OR left_day IS NULL OR left_day - 1 >= $since)
), field_days AS (
    -- a field change after the span's first day and before it ends restarts the count
    SELECT DISTINCT s.lead_key, s.day AS span_day,
           CAST(timezone('Europe/Amsterdam', c."at") AS DATE) AS day
    FROM store.lead_changes c
    JOIN spans s ON s.lead_id = c.lead_id
    WHERE c."at" < day_end($as_of)
      AND CAST(timezone('Europe/Amsterdam', c."at") AS DATE) > s.day
      AND (s.left_day IS NULL OR CAST(timezone('Europe/Amsterdam', c."at") AS DATE) < s.left_day)
), changes AS (
    -- each change day in a span with the next one (the next field change, else the span's end)
    SELECT s.lead_key, s.phase, c.day,
           coalesce(lead(c.day) OVER (PARTITION BY s.lead_key, s.day ORDER BY c.day), s.left_day)
               AS next_day
    FROM spans s
    JOIN (SELECT lead_key, day AS span_day, day FROM spans
          UNION ALL
          SELECT lead_key, span_day, day FROM field_days) c
      ON c.lead_key = s.lead_key AND c.span_day = s.day
), stretches AS (
    SELECT lead_key, phase, day AS last_change_day,
           CAST(day + $days AS DATE) AS became_stale_on,
           CAST(next_day - 1 AS DATE) AS stale_through
    FROM changes
    WHERE (next_day IS NULL OR next_day - day > $days)  -- stale on at least one day
      AND day + $days <= $as_of
      AND ($since IS NULL OR next_day IS NULL OR next_day - 1 >= $since)
    QUALIFY row_number() OVER (PARTITION BY lead_key ORDER BY day) = 1
)
SELECT g.by_value, l.lead_id, l.title, l.submitter_id, l.branch_id, s.phase,
       s.last_change_day, s.became_stale_on,
       CASE WHEN s.stale_through < $as_of THEN s.stale_through END AS stale_through
FROM stretches s
JOIN lead_fields_as_of($as_of) l ON l.lead_key = s.lead_key
LEFT JOIN lead_by_values($as_of, $by) g ON g.lead_key = s.lead_key
ORDER BY (g.by_value IS NULL OR g.by_value = ''), g.by_value, s.became_stale_on, l.lead_id;
