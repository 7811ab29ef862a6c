-- The spans of the touched leads (temp table touched_leads), recomputed from all their events:
-- each event entered at its "at" and left at the next event's (by seq), days in
-- Europe/Amsterdam, and what the lead had reached up to and including that event under its
-- pipeline's configuration (steps = `open`/`won` phases other than the default, as lead_steps),
-- and when it was submitted (first left the default phase) over its whole log.
-- Event times never go back within a lead (rule event_order), so "up to this event" is "up to
-- the end of any day within this span": the span holding a date answers every as-of question.
INSERT INTO store.lead_phase_spans
WITH ev AS (
    SELECT e.record_id AS lead_id, l.lead_key, l.pipeline, e.seq, e.event_id, e.from_phase,
           e.to_phase AS phase, e."at", CAST(timezone('Europe/Amsterdam', e."at") AS DATE) AS day,
           e.actor_id, e.reason, e.assignment_id,
           p.outcome IN ('open', 'won') AND NOT p.is_default AS is_step, p.position,
           p.phase_group, p.outcome, p.is_end, p.is_default,
           e.from_phase = d.code AND e.to_phase <> d.code AS leaves_default
    FROM store.phase_events e
    JOIN store.leads l ON l.lead_id = e.record_id
    LEFT JOIN store.phases p ON p.pipeline = l.pipeline AND p.entity = 'lead' AND p.code = e.to_phase
    LEFT JOIN store.phases d ON d.pipeline = l.pipeline AND d.entity = 'lead' AND d.is_default
    WHERE e.entity = 'lead' AND e.record_id IN (SELECT lead_id FROM touched_leads)
)
SELECT lead_id, pipeline, seq, event_id, from_phase, phase, "at", day,
       lead("at") OVER next_event,
       CAST(timezone('Europe/Amsterdam', lead("at") OVER next_event) AS DATE),
       actor_id, reason, assignment_id, position, phase_group, outcome, is_end, is_default,
       first_value(day) OVER so_far,
       min(CASE WHEN is_step THEN day END) OVER so_far,
       max(CASE WHEN is_step THEN position END) OVER so_far,
       min(CASE WHEN outcome = 'won' THEN day END) OVER so_far,
       first_value(CASE WHEN is_end THEN day END IGNORE NULLS) OVER so_far,
       first_value(CASE WHEN is_end THEN outcome END IGNORE NULLS) OVER so_far,
       min(CASE WHEN assignment_id IS NOT NULL THEN day END) OVER so_far,
       last_value(assignment_id IGNORE NULLS) OVER so_far,
       min(CASE WHEN leaves_default THEN "at" END) OVER (PARTITION BY lead_id),
       lead_key
FROM ev
WINDOW next_event AS (PARTITION BY lead_id ORDER BY seq),
       so_far AS (PARTITION BY lead_id ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
ORDER BY event_id
