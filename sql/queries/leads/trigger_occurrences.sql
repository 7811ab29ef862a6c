-- Every occurrence of one rule's event, not fired yet, up to the end of day $as_of and not
-- before the rule was installed ($since). One query for every kind of event:
--   created | moved_to_phase ($phase) | phase_group_changed ($group) | added_to_group ($group)
--   | stale ($days without an event or a field change, in a phase that is not an end)
--   | bonus_earned (the bonus state is earned as of $as_of).
-- $lead_id (or NULL) limits the evaluation to one lead (after a lifecycle change).
WITH bounds AS (
    SELECT CAST(CAST($as_of AS DATE) + INTERVAL 1 DAY AS TIMESTAMP) AT TIME ZONE 'Europe/Amsterdam' AS until_ts,
           CAST($since AS TIMESTAMPTZ) AS since_ts
),
events AS (
    SELECT e.record_id AS lead_id, e.event_id, e."at", e.from_phase, e.to_phase,
           pf.phase_group AS from_group, pt.phase_group AS to_group
    FROM store.phase_events e
    JOIN store.leads l ON l.lead_id = e.record_id
    LEFT JOIN store.phases pt ON pt.pipeline = l.pipeline AND pt.entity = 'lead' AND pt.code = e.to_phase
    LEFT JOIN store.phases pf ON pf.pipeline = l.pipeline AND pf.entity = 'lead' AND pf.code = e.from_phase
    WHERE e.entity = 'lead' AND ($lead_id IS NULL OR e.record_id = $lead_id)
),
last_change AS (
    SELECT lead_id, max("at") AS changed_at FROM (
        SELECT record_id AS lead_id, "at" FROM store.phase_events WHERE entity = 'lead'
        UNION ALL
        SELECT lead_id, "at" FROM store.lead_changes
    ) GROUP BY lead_id
),
occurrences AS (
    SELECT 'created' AS event, lead_id, 'created:' || lead_id AS occurrence_key, "at" AS occurred_at
    FROM events WHERE from_phase IS NULL
    UNION ALL
    SELECT 'moved_to_phase', lead_id, 'event:' || event_id, "at"
    FROM events WHERE to_phase = $phase AND from_phase IS NOT NULL
    UNION ALL
    SELECT 'phase_group_changed', lead_id, 'event:' || event_id, "at"
    FROM events WHERE to_group = $group AND from_group IS DISTINCT FROM to_group
    UNION ALL
    SELECT 'added_to_group', g.lead_id, 'group:' || g.lead_id || ':' || strftime(g.added_at, '%Y%m%d%H%M%S%f'), g.added_at
    FROM store.lead_groups g
    WHERE g.group_code = $group AND ($lead_id IS NULL OR g.lead_id = $lead_id)
    UNION ALL
    SELECT 'stale', c.lead_id,
           'stale:' || c.lead_id || ':' || strftime(c.changed_at, '%Y%m%d%H%M%S%f'),
           c.changed_at + to_days(CAST($days AS INTEGER))
    FROM last_change c
    JOIN main.leads l ON l.lead_id = c.lead_id AND NOT l.is_end
    WHERE ($lead_id IS NULL OR c.lead_id = $lead_id)
      AND c.changed_at + to_days(CAST($days AS INTEGER)) < (SELECT until_ts FROM bounds)
      AND ($group IS NULL OR l.phase_group = $group)
)
SELECT o.lead_id, o.occurrence_key, o.occurred_at
FROM occurrences o, bounds b
WHERE o.event = $event
  AND o.occurred_at < b.until_ts
  AND o.occurred_at >= b.since_ts
  AND NOT EXISTS (SELECT 1 FROM store.trigger_firings f
                  WHERE f.rule = $rule AND f.occurrence_key = o.occurrence_key)
ORDER BY o.occurred_at, o.lead_id;
