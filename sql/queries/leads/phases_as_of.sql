-- The phase and phase group of every lead at moment $at (the last event with "at" <= $at;
-- events with the same "at" apply in seq order). Leads created after $at have no row.
-- $lead_ids: VARCHAR[] to restrict, or NULL for every lead.
SELECT h.lead_id, h.phase, h.phase_group, h.entered_at AS phase_since, h.outcome, h.is_end
FROM main.lead_phase_history h
WHERE h.entered_at <= CAST($at AS TIMESTAMPTZ)
  AND (CAST($lead_ids AS VARCHAR[]) IS NULL OR list_contains(CAST($lead_ids AS VARCHAR[]), h.lead_id))
QUALIFY row_number() OVER (PARTITION BY h.lead_id ORDER BY h.seq DESC) = 1
ORDER BY h.lead_id;
