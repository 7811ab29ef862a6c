-- Every rule of a lifecycle event, in one place (domain.md, "Lifecycle operations"), checked for
-- every staged candidate event at once: one move of the API and a whole loaded history alike.
-- Input: temp table candidate_events (queries/leads/candidate_events_create); $mandatory: the
-- mandatory fields per phase pipeline, STRUCT(pipeline, field)[].
-- Output: one row per candidate with the event it would write (seq, from_phase, verb) and
-- `violations`, the list of {rule, detail} it breaks (empty: a legal event). Candidates of one
-- record apply in ("at", cid) order after the record's stored events; a candidate's from_phase is
-- the phase its predecessor moved to.
WITH cand AS (
    SELECT c.*,
           row_number() OVER (PARTITION BY c.entity, c.record_id ORDER BY c."at", c.cid) AS k,
           CAST(c."at" AS DATE) AS on_day
    FROM candidate_events c
),
rec AS (
    SELECT r.entity, r.record_id,
           coalesce(l.lead_id, o.lead_id) AS lead_id,
           coalesce(o.pipeline, l.pipeline) AS pipeline,
           coalesce(l.branch_id, ol.branch_id) AS branch_id,
           coalesce(l.submitter_id, ol.submitter_id) AS submitter_id,
           (l.lead_id IS NOT NULL OR o.opportunity_id IS NOT NULL) AS known
    FROM (SELECT DISTINCT entity, record_id FROM cand) r
    LEFT JOIN store.leads l ON r.entity = 'lead' AND l.lead_id = r.record_id
    LEFT JOIN store.opportunities o ON r.entity = 'opportunity' AND o.opportunity_id = r.record_id
    LEFT JOIN store.leads ol ON ol.lead_id = o.lead_id
),
stored AS (
    SELECT e.entity, e.record_id, max(e.seq) AS last_seq,
           arg_max(e.to_phase, e.seq) AS last_phase, max(e."at") AS last_at
    FROM store.phase_events e
    JOIN rec USING (entity, record_id)
    GROUP BY e.entity, e.record_id
),
seqd AS (
    SELECT c.*, rec.lead_id, rec.pipeline, rec.branch_id, rec.submitter_id, rec.known,
           coalesce(s.last_seq, 0) + c.k AS seq,
           CASE WHEN c.k = 1 THEN s.last_phase
                ELSE lag(c.to_phase) OVER (PARTITION BY c.entity, c.record_id ORDER BY c.k) END
               AS from_phase,
           s.last_at
    FROM cand c
    JOIN rec USING (entity, record_id)
    LEFT JOIN stored s USING (entity, record_id)
),
verbs AS (  -- the verb that leads to each phase (the first by name when several do)
    SELECT pipeline, entity, to_phase, min(verb) AS verb
    FROM store.phase_verbs GROUP BY ALL
),
lead_values AS (
    UNPIVOT (
        SELECT lead_id, business_unit, client_name, contact_name, contact_email, title,
               description, submitter_id, branch_id, source, priority, category
        FROM store.leads
        WHERE lead_id IN (SELECT record_id FROM rec WHERE entity = 'lead')
    ) ON COLUMNS(* EXCLUDE lead_id) INTO NAME field VALUE value
),
missing AS (  -- mandatory fields (of the lead's pipeline) that are empty
    SELECT l.lead_id, list_sort(list(m.field)) AS fields
    FROM store.leads l
    JOIN (SELECT unnest(CAST($mandatory AS STRUCT(pipeline VARCHAR, field VARCHAR)[]),
                        recursive := true)) m
      ON m.pipeline = l.pipeline
    LEFT JOIN lead_values v ON v.lead_id = l.lead_id AND v.field = m.field AND trim(v.value) <> ''
    WHERE l.lead_id IN (SELECT record_id FROM rec WHERE entity = 'lead') AND v.lead_id IS NULL
    GROUP BY l.lead_id
),
links AS (  -- assignment ids already linked, per lead (a won opportunity counts for its lead)
    SELECT DISTINCT e.assignment_id, coalesce(o.lead_id, e.record_id) AS lead_id
    FROM store.phase_events e
    LEFT JOIN store.opportunities o ON e.entity = 'opportunity' AND o.opportunity_id = e.record_id
    WHERE e.assignment_id IS NOT NULL
      AND e.assignment_id IN (SELECT assignment_id FROM candidate_events)
),
x AS (
    SELECT s.*,
           coalesce(s.verb, v.verb, 'move') AS use_verb,
           tp.code IS NOT NULL AS to_known, tp.active AS to_active, tp.is_default AS to_default,
           tp.outcome AS to_outcome, tp.requires_reason, tp.requires_assignment_id,
           fp.is_end AS from_end, fp.is_default AS from_default,
           (SELECT list_sort(list(t.to_phase)) FROM store.phase_transitions t
             WHERE t.pipeline = s.pipeline AND t.entity = s.entity AND t.from_phase = s.from_phase)
               AS allowed_next,
           (SELECT list_sort(list(pv.to_phase)) FROM store.phase_verbs pv
             WHERE pv.pipeline = s.pipeline AND pv.entity = s.entity AND pv.verb = s.verb)
               AS verb_targets,
           CASE WHEN s.verb = 'create' THEN ['submitter']
                ELSE coalesce(
                    (SELECT first(pv.actors) FROM store.phase_verbs pv
                      WHERE pv.pipeline = s.pipeline AND pv.entity = s.entity
                        AND pv.verb = coalesce(s.verb, v.verb) AND pv.to_phase = s.to_phase),
                    ['regional_director']) END AS actors,
           acting_roles(s.actor_id, s.branch_id, s.on_day) AS held,
           p.person_id IS NOT NULL AS actor_known, coalesce(p.active, false) AS actor_active,
           m.fields AS missing_fields,
           (SELECT first(k.lead_id ORDER BY k.lead_id) FROM links k
             WHERE k.assignment_id = s.assignment_id AND k.lead_id <> s.lead_id) AS linked_lead,
           (SELECT first(o2.lead_id ORDER BY o2."at", o2.cid) FROM seqd o2
             WHERE o2.assignment_id = s.assignment_id AND o2.lead_id <> s.lead_id
               AND (o2."at", o2.cid) < (s."at", s.cid)) AS earlier_lead
    FROM seqd s
    LEFT JOIN verbs v ON v.pipeline = s.pipeline AND v.entity = s.entity AND v.to_phase = s.to_phase
    LEFT JOIN store.phases tp
           ON tp.pipeline = s.pipeline AND tp.entity = s.entity AND tp.code = s.to_phase
    LEFT JOIN store.phases fp
           ON fp.pipeline = s.pipeline AND fp.entity = s.entity AND fp.code = s.from_phase
    LEFT JOIN store.people p ON p.person_id = s.actor_id
    LEFT JOIN missing m ON s.entity = 'lead' AND m.lead_id = s.record_id
)
SELECT cid, entity, record_id, lead_id, seq, k, "at", from_phase, to_phase, use_verb AS verb,
       actor_id, reason, assignment_id,
       list_filter([
           CASE WHEN record_id IS NULL OR NOT known THEN
               {'rule': 'unknown_record', 'detail': 'no ' || entity || ' with id ' || coalesce(record_id, '(empty)')} END,
           CASE WHEN "at" IS NULL THEN
               {'rule': 'missing_at', 'detail': 'the event has no time'} END,
           CASE WHEN known AND NOT to_known THEN
               {'rule': 'unknown_phase', 'detail': coalesce(to_phase, '(empty)') || ' is not a ' || entity || ' phase of pipeline ' || pipeline} END,
           CASE WHEN known AND to_known AND NOT to_active THEN
               {'rule': 'inactive_phase', 'detail': to_phase || ' is not an active phase'} END,
           CASE WHEN known AND use_verb = 'create' AND from_phase IS NOT NULL THEN
               {'rule': 'already_created', 'detail': 'the ' || entity || ' already exists (in ' || from_phase || ')'} END,
           CASE WHEN known AND to_known AND use_verb = 'create' AND from_phase IS NULL AND NOT to_default THEN
               {'rule': 'default_phase', 'detail': 'a new ' || entity || ' starts in the default phase, not in ' || to_phase} END,
           CASE WHEN known AND use_verb <> 'create' AND from_phase IS NULL THEN
               {'rule': 'not_created', 'detail': 'the ' || entity || ' has no creation event'} END,
           CASE WHEN known AND from_end THEN
               {'rule': 'end_phase', 'detail': from_phase || ' is an end phase: no move out of it'} END,
           CASE WHEN known AND to_known AND from_phase IS NOT NULL AND NOT coalesce(from_end, false)
                     AND NOT list_contains(coalesce(allowed_next, []), to_phase) THEN
               {'rule': 'next_phase', 'detail': 'allowed next phases are ' || coalesce(array_to_string(allowed_next, ', '), 'none')} END,
           CASE WHEN known AND verb IS NOT NULL AND verb NOT IN ('create', 'move') AND to_known
                     AND NOT list_contains(coalesce(verb_targets, []), to_phase) THEN
               {'rule': 'verb_phase', 'detail': 'verb ' || verb || ' leads to ' || coalesce(array_to_string(verb_targets, ', '), 'no phase') || ', not to ' || to_phase} END,
           CASE WHEN known AND requires_reason AND coalesce(trim(reason), '') = '' THEN
               {'rule': 'reason_required', 'detail': 'moving to ' || to_phase || ' needs a reason'} END,
           CASE WHEN known AND requires_assignment_id AND coalesce(trim(assignment_id), '') = '' THEN
               {'rule': 'assignment_required', 'detail': 'moving to ' || to_phase || ' needs an assignment id'} END,
           CASE WHEN known AND to_known AND NOT requires_assignment_id AND coalesce(trim(assignment_id), '') <> '' THEN
               {'rule': 'assignment_unexpected', 'detail': 'an assignment id goes only with a move to a phase that requires one, not to ' || to_phase} END,
           CASE WHEN known AND coalesce(trim(assignment_id), '') <> '' AND coalesce(linked_lead, earlier_lead) IS NOT NULL THEN
               {'rule': 'assignment_unique', 'detail': 'assignment ' || assignment_id || ' already belongs to lead ' || coalesce(linked_lead, earlier_lead)} END,
           CASE WHEN known AND entity = 'lead' AND from_default AND to_outcome IN ('open', 'won')
                     AND missing_fields IS NOT NULL THEN
               {'rule': 'mandatory_fields', 'detail': 'submission needs ' || array_to_string(missing_fields, ', ') || ' filled in'} END,
           CASE WHEN known AND k = 1 AND "at" < last_at THEN
               {'rule': 'event_order', 'detail': 'the event at ' || strftime("at", '%Y-%m-%d %H:%M:%S%z') || ' lies before the last recorded event at ' || strftime(last_at, '%Y-%m-%d %H:%M:%S%z') || ': history is never rewritten'} END,
           CASE WHEN known AND check_actor AND live AND actor_known AND NOT actor_active THEN
               {'rule': 'inactive_actor', 'detail': coalesce(actor_id, '(nobody)') || ' is not an active person'} END,
           CASE WHEN known AND check_actor AND "at" IS NOT NULL
                     AND NOT actor_may(actors, actor_id, submitter_id, held) THEN
               {'rule': 'actor_role', 'detail': use_verb || ' needs ' || array_to_string(actors, ' or ') || ' in branch ' || coalesce(branch_id, '?') || ' or above on ' || CAST(on_day AS VARCHAR) || '; ' || coalesce(actor_id, '(nobody)') || ' holds ' || coalesce(nullif(array_to_string(held, ', '), ''), 'no role') || ' there'} END
       ], lambda v: v IS NOT NULL) AS violations
FROM x
ORDER BY entity, record_id, k;
