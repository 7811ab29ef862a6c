-- Phase durations (la.phase_durations): days each lead spent in each phase that is not an end phase, up to moment $at: the visits
-- entered by $at, each until it was left (or until $at when it was not left by then).
-- `days` is DECIMAL(12, 3); `visits` counts how often the lead entered the phase.
SELECT h.lead_id, h.phase, h.phase_group, count(*) AS visits,
       CAST(round(sum(date_diff('second', h.entered_at,
                                least(coalesce(h.left_at, CAST($at AS TIMESTAMPTZ)),
                                      CAST($at AS TIMESTAMPTZ)))) / 86400.0, 3)
            AS DECIMAL(12, 3)) AS days,
       bool_or(h.left_at IS NULL OR h.left_at > CAST($at AS TIMESTAMPTZ)) AS is_current
FROM main.lead_phase_history h
WHERE h.entered_at <= CAST($at AS TIMESTAMPTZ) AND NOT coalesce(h.is_end, false)
  AND (CAST($lead_ids AS VARCHAR[]) IS NULL OR list_contains(CAST($lead_ids AS VARCHAR[]), h.lead_id))
GROUP BY h.lead_id, h.phase, h.phase_group
ORDER BY h.lead_id, min(h.seq);
