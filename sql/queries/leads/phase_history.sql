-- Every phase visit of one lead, in order.
SELECT lead_id, seq, phase, phase_group, entered_at, left_at, from_phase, verb, actor_id,
       reason, assignment_id
FROM main.lead_phase_history
WHERE lead_id = $lead_id
ORDER BY seq;
