-- Staged lead event rows (view `staged`) with their column rules, and whether each was loaded
-- before (the same event already in the log) or repeats an earlier row of the file: skipped;
-- and whether an identical row of that lead was quarantined before (see lead_events_checked).
CREATE OR REPLACE TEMP TABLE lead_event_rows AS
WITH s AS (
    SELECT row_number, lead_id, "at" AS at_text, TRY_CAST("at" AS TIMESTAMPTZ) AS at_ts, phase,
           actor_id, reason, assignment_id
    FROM staged
)
SELECT s.*,
       list_filter([
           CASE WHEN s.lead_id IS NULL THEN 'lead_id_required: lead_id is empty' END,
           CASE WHEN s.at_text IS NULL THEN 'at_required: at is empty' END,
           CASE WHEN s.at_text IS NOT NULL AND s.at_ts IS NULL
                THEN 'bad_timestamp: at ' || s.at_text || ' is not an ISO 8601 timestamp' END,
           CASE WHEN s.phase IS NULL THEN 'phase_required: phase is empty' END
       ], lambda x: x IS NOT NULL) AS fails,
       EXISTS (SELECT 1 FROM store.phase_events e
               WHERE e.entity = 'lead' AND e.record_id = s.lead_id AND e."at" = s.at_ts
                 AND e.to_phase = s.phase AND e.actor_id IS NOT DISTINCT FROM s.actor_id
                 AND e.reason IS NOT DISTINCT FROM s.reason
                 AND e.assignment_id IS NOT DISTINCT FROM s.assignment_id) AS loaded_before,
       EXISTS (SELECT 1 FROM store.quarantine q
               WHERE q.kind = 'lead-events' AND q.record_key = s.lead_id
                 AND q.raw->>'at' IS NOT DISTINCT FROM s.at_text
                 AND q.raw->>'phase' IS NOT DISTINCT FROM s.phase
                 AND q.raw->>'actor_id' IS NOT DISTINCT FROM s.actor_id
                 AND q.raw->>'reason' IS NOT DISTINCT FROM s.reason
                 AND q.raw->>'assignment_id' IS NOT DISTINCT FROM s.assignment_id) AS quarantined_before,
       row_number() OVER (PARTITION BY s.lead_id, s.at_ts, s.phase, s.actor_id, s.reason,
                                       s.assignment_id ORDER BY s.row_number) > 1 AS repeated
FROM s;
