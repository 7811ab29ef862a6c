-- The `items` of a batch's statement (bonus-rules.md, "The statement"): one row per item (a
-- clawback is a negative amount), sorted by submitter and lead (then the order the lines were
-- added); the submitter's payroll number, name and e-mail as they are now, the lead's branch (the
-- cost centre) and business unit, and the lead's latest dispute (`open`, `answered` or NULL).
SELECT i.lead_id, i.submitter_id, p.payroll_id, p.name AS submitter_name,
       p.email AS submitter_email, l.branch_id, b.name AS branch_name, l.business_unit,
       i.assignment_id, i.kind, i.earned_on, i.payout_date, i.amount_eur, d.dispute
FROM bonus_batch_items i
LEFT JOIN people p ON p.person_id = i.submitter_id
LEFT JOIN store.leads l ON l.lead_id = i.lead_id
LEFT JOIN branches b ON b.branch_id = l.branch_id
LEFT JOIN bonus_disputes d ON d.lead_id = i.lead_id AND d.latest
WHERE i.batch_id = $batch_id
ORDER BY i.submitter_id NULLS LAST, i.lead_id, i."position";
