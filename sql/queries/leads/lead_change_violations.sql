-- The rules of a field update (domain.md, "Lifecycle operations"): only the lead's submitter
-- (holding employee, regional_director or admin there) updates it; a draft (default phase)
-- freely, afterwards only fields that are not mandatory. $fields: the fields to change;
-- $mandatory: STRUCT(pipeline, field)[] as for checked_events.
WITH l AS (
    SELECT l.*, c.phase, p.is_default,
           acting_roles($actor_id, l.branch_id, CAST(CAST($at AS TIMESTAMPTZ) AS DATE)) AS held,
           pe.active AS actor_active
    FROM store.leads l
    LEFT JOIN main.current_phases c ON c.entity = 'lead' AND c.record_id = l.lead_id
    LEFT JOIN store.phases p ON p.pipeline = l.pipeline AND p.entity = 'lead' AND p.code = c.phase
    LEFT JOIN store.people pe ON pe.person_id = $actor_id
    WHERE l.lead_id = $lead_id
),
locked AS (
    SELECT list_sort(list(m.field)) AS fields
    FROM l
    JOIN (SELECT unnest(CAST($mandatory AS STRUCT(pipeline VARCHAR, field VARCHAR)[]),
                        recursive := true)) m ON m.pipeline = l.pipeline
    WHERE NOT coalesce(l.is_default, false) AND list_contains(CAST($fields AS VARCHAR[]), m.field)
)
SELECT list_filter([
    CASE WHEN len(locked.fields) > 0 THEN
        {'rule': 'mandatory_field_locked', 'detail': 'after the draft phase only fields that are not mandatory change; ' || array_to_string(locked.fields, ', ') || ' is mandatory (lead in ' || l.phase || ')'} END,
    CASE WHEN l.actor_active IS NOT NULL AND NOT l.actor_active THEN
        {'rule': 'inactive_actor', 'detail': $actor_id || ' is not an active person'} END,
    CASE WHEN NOT actor_may(['submitter'], $actor_id, l.submitter_id, l.held) THEN
        {'rule': 'actor_role', 'detail': 'update needs the lead''s submitter (' || coalesce(l.submitter_id, '?') || ') as employee, regional_director or admin in branch ' || coalesce(l.branch_id, '?') || ' or above; ' || $actor_id || ' holds ' || coalesce(nullif(array_to_string(l.held, ', '), ''), 'no role') || ' there'} END
], lambda v: v IS NOT NULL) AS violations
FROM l, locked;
