-- Bonus e-mails due as of $as_of: `earned` when a bonus is first seen earned (or earned again
-- after a withdrawal), `withdrawn` when an announced bonus is withdrawn. Each change once.
SELECT s.lead_id, s.submitter_id, p.name, p.email, s.assignment_id, s.amount_eur, s.earned_on,
       s.payout_date, s.invoiced_hours, s.threshold_hours,
       CASE WHEN s.status = 'earned' THEN 'earned' ELSE 'withdrawn' END AS notice,
       coalesce(n.notices, 0) + 1 AS notice_number
FROM main.bonus_states(CAST($as_of AS DATE)) s
LEFT JOIN store.bonus_notices n ON n.lead_id = s.lead_id
LEFT JOIN store.people p ON p.person_id = s.submitter_id
WHERE (s.status = 'earned' AND coalesce(n.last_kind, '') <> 'earned')
   OR (s.status = 'withdrawn' AND n.last_kind = 'earned')
ORDER BY s.lead_id;
