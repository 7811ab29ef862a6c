-- What closing the month ending $period_end would put in its batch, sorted by lead and position.
SELECT lead_id, kind, submitter_id, assignment_id, scheme, "trigger", threshold_hours,
       invoiced_hours, earned_on, payout_date, amount_eur
FROM main.bonuses_due(CAST($period_end AS DATE))
ORDER BY lead_id, "position";
