-- What closing the month ending $period_end would put in its batch, sorted by lead and kind.
SELECT *
FROM main.bonuses_due(CAST($period_end AS DATE))
ORDER BY lead_id, kind;
