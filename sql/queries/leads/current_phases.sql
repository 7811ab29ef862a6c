-- The current phase and phase group of every lead (or of $lead_ids).
SELECT lead_id, phase, phase_group, phase_since, outcome, is_end
FROM main.leads
WHERE CAST($lead_ids AS VARCHAR[]) IS NULL OR list_contains(CAST($lead_ids AS VARCHAR[]), lead_id)
ORDER BY lead_id;
