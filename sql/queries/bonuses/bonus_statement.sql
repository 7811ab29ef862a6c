-- The payout statement of one batch: one row per item (a clawback is a negative amount), with the
-- submitter's name and e-mail as they are now, sorted by submitter and lead.
SELECT i.submitter_id, p.name AS submitter_name, p.email AS submitter_email, i.lead_id,
       l.business_unit, i.assignment_id, i.earned_on, i.kind, i.amount_eur
FROM store.bonus_batch_items i
LEFT JOIN store.people p ON p.person_id = i.submitter_id
LEFT JOIN store.leads l ON l.lead_id = i.lead_id
WHERE i.batch_id = $batch_id
ORDER BY i.submitter_id, i.lead_id, i.kind;
