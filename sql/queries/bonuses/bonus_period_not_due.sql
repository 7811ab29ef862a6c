-- Why a month has nothing to pay: bonuses earned but due later, and pending ones, as of $period_end.
SELECT count(*) FILTER (WHERE status = 'earned' AND payout_date > CAST($period_end AS DATE))
           AS earned_later,
       strftime(min(payout_date) FILTER (
           WHERE status = 'earned' AND payout_date > CAST($period_end AS DATE)), '%Y-%m')
           AS earliest_month,
       count(*) FILTER (WHERE status = 'pending') AS pending
FROM main.bonus_states(CAST($period_end AS DATE));
